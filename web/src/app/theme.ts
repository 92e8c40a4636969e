import type { ThemeConfig } from 'antd';

// System fonts first; the CJK families cover Windows, macOS and Linux desktops.
const fontFamily = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"WenQuanYi Micro Hei"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

export const theme: ThemeConfig = {
  token: { colorPrimary: '#1668dc', borderRadius: 6, fontFamily, colorBgLayout: '#f4f6f9' },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    Menu: { itemBorderRadius: 6, itemMarginInline: 8 },
    Card: { headerFontSize: 15 },
  },
};
