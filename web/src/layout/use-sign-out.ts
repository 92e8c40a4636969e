import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { useNotifyError } from '../components/use-notify-error';
import { signOut } from '../session/api';

/** Ends the session, forgets every cached answer and goes to the sign-in page. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  // Leave the signed-in pages first, then forget every answer of this session.
  const finish = () =>
    void Promise.resolve(navigate('/login', { replace: true })).then(() => queryClient.clear());
  const mutation = useMutation({
    mutationFn: signOut,
    onSuccess: finish,
    // Already signed out (401) is as good as signed out.
    onError: (error) => (isApiError(error) && error.status === 401 ? finish() : notifyError(error)),
  });
  return { run: () => mutation.mutate(), pending: mutation.isPending };
}
