import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type {
  Calendar,
  OwnEvent,
  PhasesInput,
  Plan,
  PlanCampaign,
  PlanCampaignInput,
  PlanSummary,
  Progress,
  TargetInput,
  Targets,
  Task,
  TaskInput,
  TaskPatch,
} from './types';

const base = (storeId: number) => `/api/stores/${storeId}/promotions`;

export const promotionKeys = {
  all: (storeId: number) => ['stores', storeId, 'promotions'] as const,
  calendar: (storeId: number, year: number) => ['stores', storeId, 'promotions', 'calendar', year] as const,
  plans: (storeId: number) => ['stores', storeId, 'promotions', 'plans'] as const,
  plan: (storeId: number, planId: number) => ['stores', storeId, 'promotions', 'plan', planId] as const,
  targets: (storeId: number, planId: number) =>
    ['stores', storeId, 'promotions', 'plan', planId, 'targets'] as const,
  progress: (storeId: number, planId: number) =>
    ['stores', storeId, 'promotions', 'plan', planId, 'progress'] as const,
};

/** How often the progress tab asks again while it is open (orders arrive by import). */
export const PROGRESS_REFRESH_MS = 30_000;

export function useCalendar(storeId: number, year: number) {
  return useQuery({
    queryKey: promotionKeys.calendar(storeId, year),
    queryFn: ({ signal }) => api.get<Calendar>(`${base(storeId)}/calendar${query({ year })}`, signal),
  });
}

export function usePlans(storeId: number) {
  return useQuery({
    queryKey: promotionKeys.plans(storeId),
    queryFn: ({ signal }) => api.get<{ plans: PlanSummary[] }>(`${base(storeId)}/plans`, signal),
    select: (answer) => answer.plans,
  });
}

export function usePlan(storeId: number, planId: number) {
  return useQuery({
    queryKey: promotionKeys.plan(storeId, planId),
    queryFn: ({ signal }) => api.get<Plan>(`${base(storeId)}/plans/${planId}`, signal),
  });
}

export function useTargets(storeId: number, planId: number) {
  return useQuery({
    queryKey: promotionKeys.targets(storeId, planId),
    queryFn: ({ signal }) => api.get<Targets>(`${base(storeId)}/plans/${planId}/targets`, signal),
  });
}

export function useProgress(storeId: number, planId: number) {
  return useQuery({
    queryKey: promotionKeys.progress(storeId, planId),
    queryFn: ({ signal }) => api.get<Progress>(`${base(storeId)}/plans/${planId}/progress`, signal),
    refetchInterval: PROGRESS_REFRESH_MS,
  });
}

export function useEventMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: promotionKeys.all(storeId) });
  return {
    create: useMutation({
      mutationFn: (input: { name: string; monthDay: string }) =>
        api.post<OwnEvent>(`${base(storeId)}/events`, input),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ key, ...patch }: { key: string; name?: string; monthDay?: string }) =>
        api.patch<OwnEvent>(`${base(storeId)}/events/${key}`, patch),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (key: string) => api.delete(`${base(storeId)}/events/${key}`),
      onSuccess: refresh,
    }),
  };
}

export function useCreatePlan(storeId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { event: string; year: number; copyLastYear: boolean }) =>
      api.post<Plan>(`${base(storeId)}/plans`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: promotionKeys.plans(storeId) }),
  });
}

export function usePlanMutations(storeId: number, planId: number) {
  const client = useQueryClient();
  const refresh = () =>
    client.invalidateQueries({ queryKey: ['stores', storeId, 'promotions', 'plan', planId] });
  const plan = `${base(storeId)}/plans/${planId}`;
  return {
    phases: useMutation({
      mutationFn: (input: PhasesInput) => api.put<Plan>(`${plan}/phases`, input),
      onSuccess: refresh,
    }),
    target: useMutation({
      mutationFn: (input: TargetInput) => api.put<Plan>(`${plan}/target`, input),
      onSuccess: refresh,
    }),
    lessons: useMutation({
      mutationFn: (lessons: string) => api.put<Plan>(`${plan}/lessons`, { lessons }),
      onSuccess: refresh,
    }),
    addTask: useMutation({
      mutationFn: (input: TaskInput) => api.post<Task>(`${plan}/tasks`, input),
      onSuccess: refresh,
    }),
    updateTask: useMutation({
      mutationFn: ({ id, ...patch }: TaskPatch & { id: number }) =>
        api.patch<Task>(`${plan}/tasks/${id}`, patch),
      onSuccess: refresh,
    }),
    deleteTask: useMutation({
      mutationFn: (id: number) => api.delete(`${plan}/tasks/${id}`),
      onSuccess: refresh,
    }),
    campaign: useMutation({
      mutationFn: (input: PlanCampaignInput) => api.post<PlanCampaign>(`${plan}/campaigns`, input),
      onSuccess: refresh,
    }),
  };
}
