import type { UserErrorCode } from '../../shared/api/errors';
import type { Outcome } from '../../shared/api/wire';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import type { Transport } from './client';
import type { TokenHistory, TokenLocation, TokenStorage } from './launch-token';
import { takeLaunchToken } from './launch-token';

function failure(code: UserErrorCode, message: string): Outcome<never> {
  return { ok: false, error: { code, message, where: {} } };
}

/**
 * POSTs the body and answers the reply's text, or null when the server cannot be reached.
 * XMLHttpRequest rather than fetch: Chromium passes a fetch reply to the page through a stream,
 * and reading 报送明细's 3 MB that way took twice as long (250 ms against 130 ms).
 */
function post(url: string, token: string, body: string): Promise<string | null> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Content-Type', 'application/json');
    request.setRequestHeader('X-TaiZhang-Token', token);
    // Status 0: no reply at all (the connection was refused or dropped).
    request.onloadend = () => resolve(request.status === 0 ? null : request.responseText);
    request.send(body);
  });
}

export function createHttpTransport(location: TokenLocation, storage: TokenStorage, history: TokenHistory): Transport {
  const token = takeLaunchToken(location, storage, history);
  return async (method, arg) => {
    if (!token) {
      return failure('forbidden_token', '页面地址缺少访问口令。请使用启动时显示的完整地址（含 # 之后的部分）打开指标台账。');
    }
    const reply = await post(`./api/${method}`, token, JSON.stringify(encodeWire(arg)));
    if (reply === null) {
      return failure('server_unreachable', '无法连接到指标台账的本机服务，它可能已经关闭。请重新启动后刷新页面。');
    }
    try {
      return decodeWire(JSON.parse(reply)) as Outcome<unknown>;
    } catch {
      return failure('internal', '本机服务的回答无法识别。请重新启动后刷新页面。');
    }
  };
}
