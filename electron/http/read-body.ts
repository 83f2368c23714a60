import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  /** The size the client declared (Content-Length), when it declared one. */
  constructor(readonly declaredBytes: number | null) {
    super('request body too large');
  }
}

/** Other requests hold so much already that this one would pass the server's memory budget. */
export class ServerBusyError extends Error {}

/**
 * The bytes of request bodies held at once, across requests: a body is counted from its first
 * chunk until its call has answered, so two large uploads side by side cannot together cost more
 * than one allowed upload.
 */
export class BodyBudget {
  private used = 0;

  constructor(readonly maxBytes: number) {}

  take(bytes: number): boolean {
    if (this.used + bytes > this.maxBytes) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/**
 * Reads the whole body, counting bytes as they stream in: a declared size over `maxBytes` is
 * refused before a byte is read, and an undeclared (chunked) one as soon as it passes it, so a
 * huge upload never sits in memory. The bytes are taken from `budget` as they arrive; the caller
 * gives back `body.length` once the call has answered (on a refusal they are given back here).
 * On a refusal the stream is paused, not drained: the server answers and closes the connection.
 */
export function readBody(request: IncomingMessage, maxBytes: number, budget: BodyBudget): Promise<Buffer> {
  const declared = request.headers['content-length'] === undefined ? null : Number(request.headers['content-length']);
  return new Promise((resolve, reject) => {
    let taken = 0;
    const fail = (error: Error) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.pause();
      budget.give(taken);
      reject(error);
    };
    if (declared !== null && Number.isFinite(declared) && declared > maxBytes) {
      fail(new BodyTooLargeError(declared));
      return;
    }
    // A declared size is known up front: one buffer of it, never a second copy to concatenate.
    const known = declared !== null && Number.isInteger(declared) && declared >= 0 ? declared : null;
    if (known !== null) {
      if (!budget.take(known)) {
        fail(new ServerBusyError());
        return;
      }
      taken = known;
    }
    const whole = known === null ? null : Buffer.allocUnsafe(known);
    const chunks: Buffer[] = [];
    let size = 0;
    function onData(chunk: Buffer) {
      if (size + chunk.length > maxBytes || (whole !== null && size + chunk.length > whole.length)) {
        fail(new BodyTooLargeError(declared));
        return;
      }
      if (whole !== null) chunk.copy(whole, size);
      else {
        if (!budget.take(chunk.length)) {
          fail(new ServerBusyError());
          return;
        }
        taken += chunk.length;
        chunks.push(chunk);
      }
      size += chunk.length;
    }
    function onEnd() {
      request.off('data', onData);
      request.off('error', onError);
      if (whole === null) {
        resolve(Buffer.concat(chunks, size));
        return;
      }
      // The client sent less than it declared (the parser normally refuses that): keep only what came.
      budget.give(taken - size);
      resolve(whole.subarray(0, size));
    }
    function onError(error: Error) {
      fail(error);
    }
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onError);
  });
}

/**
 * After a refusal whose body was not (wholly) read: go on reading and discarding it for a while,
 * keeping nothing, so that the client reads the answer before the connection is cut. Closing at
 * once with unread bytes makes the system reset the connection, and the client may lose the
 * answer with it (RFC 9112 §9.6, "lingering close"). Past `maxBytes` or `ms` the socket is cut.
 */
export function discardRest(request: IncomingMessage, limits: { maxBytes: number; ms: number }): void {
  if (request.complete || request.destroyed) return;
  let discarded = 0;
  const cut = () => request.socket.destroy();
  const timer = setTimeout(cut, limits.ms);
  timer.unref();
  const stop = () => clearTimeout(timer);
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limits.maxBytes) {
      stop();
      cut();
    }
  });
  request.once('end', stop);
  request.once('close', stop);
  request.resume();
}
