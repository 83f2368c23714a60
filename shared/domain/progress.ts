/** A plan indicator's progress status (进度状态), as screens and tables print it, with stable codes. */

export type ProgressStatus = '已达标' | '进度正常' | '滞后' | '倒退' | '无法评估';
export type ProgressStatusCode = 'met' | 'on_track' | 'behind' | 'regressing' | 'not_assessable';

export type AnticipatedStatus = '预计可达标' | '需加快进度' | '需扭转趋势' | '无法预测';
export type AnticipatedStatusCode = 'on_track' | 'accelerate' | 'reverse' | 'not_assessable';

export const PROGRESS_STATUS_CODES: Record<ProgressStatus, ProgressStatusCode> = {
  已达标: 'met',
  进度正常: 'on_track',
  滞后: 'behind',
  倒退: 'regressing',
  无法评估: 'not_assessable',
};
