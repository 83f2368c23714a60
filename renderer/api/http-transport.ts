import type { Outcome } from '../../shared/api/wire';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import type { Transport } from './client';
import type { TokenHistory, TokenLocation, TokenStorage } from './launch-token';
import { takeLaunchToken } from './launch-token';

function failure(code: string, message: string): Outcome<never> {
  return { ok: false, error: { code, message, where: {} } };
}

export function createHttpTransport(location: TokenLocation, storage: TokenStorage, history: TokenHistory): Transport {
  const token = takeLaunchToken(location, storage, history);
  return async (method, arg) => {
    if (!token) {
      return failure('forbidden_token', '页面地址缺少访问口令。请使用启动时显示的完整地址（含 # 之后的部分）打开指标台账。');
    }
    let response: Response;
    try {
      response = await fetch(`./api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-TaiZhang-Token': token },
        body: JSON.stringify(encodeWire(arg)),
      });
    } catch {
      return failure('server_unreachable', '无法连接到指标台账的本机服务，它可能已经关闭。请重新启动后刷新页面。');
    }
    try {
      return decodeWire(await response.json()) as Outcome<unknown>;
    } catch {
      return failure('internal', '本机服务的回答无法识别。请重新启动后刷新页面。');
    }
  };
}
