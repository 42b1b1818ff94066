/**
 * Resource reads on worker threads. A live scan's resource read is mostly the SDK's own CPU
 * (about a millisecond per call, some 150 calls per account), which on one thread queues
 * behind the IAM analysis and the writes of the other accounts. With threads, the scanning
 * thread hands each account's read (with its role session's credentials, never stored) to the
 * least busy thread and goes on. `VENDORSCOPE_READ_THREADS` sets how many (default: one less
 * than the CPUs, at most 4; 0: read on the scanning thread). A thread that cannot start, or
 * dies, leaves the reads to the scanning thread: slower, nothing lost.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { SHARE_ENV, Worker } from "node:worker_threads";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { ServiceCallCounter } from "../clients";
import { REFRESH_BEFORE_MS } from "../memberCredentials";
import { readAccountResources, type AccountResourceRead, type ResourceReadOptions } from "./resourceReader";

/**
 * What a thread is asked: the read's options, with the role session's credentials as they are
 * now. When those come near their expiry the thread asks for fresh ones (CredentialsRequest),
 * so a long read never signs with a lapsed session.
 */
export interface ThreadReadRequest {
  type: "read";
  id: number;
  options: Omit<ResourceReadOptions, "credentials" | "calls"> & { credentials: AwsCredentialIdentity | null };
}

export interface ThreadReadReply {
  type: "done";
  id: number;
  calls: Record<string, number>;
  read?: AccountResourceRead;
  error?: string;
}

export interface CredentialsRequest {
  type: "credentials?";
  id: number;
}

export interface CredentialsReply {
  type: "credentials";
  id: number;
  credentials?: AwsCredentialIdentity;
  error?: string;
}

/**
 * The thread asks for fresh credentials this long before the ones it holds expire: a minute
 * less than the account's provider keeps in hand, so what it is given is always newer.
 */
export const THREAD_REFRESH_BEFORE_MS = REFRESH_BEFORE_MS - 60 * 1000;

const READY_TIMEOUT_MS = 30_000;

export class ResourceReadError extends Error {
  override name = "ResourceReadError";
}

interface ReaderThread {
  worker: Worker;
  ready: Promise<boolean>;
  pending: Map<number, { resolve: (reply: ThreadReadReply) => void; reject: (error: Error) => void; credentials: ResourceReadOptions["credentials"] }>;
  dead: boolean;
}

export function configuredReadThreads(value: string | undefined = process.env.VENDORSCOPE_READ_THREADS): number {
  if (value !== undefined && value.trim() !== "") {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 64) throw new Error(`VENDORSCOPE_READ_THREADS: "${value}" is not a number of threads from 0 to 64`);
    return n;
  }
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

/** The thread's script: beside this module, compiled (the CLI's bundle), or its TypeScript source run through tsx. */
function threadScript(): URL | null {
  for (const name of ["./reader-thread.mjs", "./readerThreadSource.mjs"]) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

export class ResourceReadThreads {
  private readonly threads: ReaderThread[] = [];
  private next = 1;

  private constructor(count: number, script: URL) {
    for (let i = 0; i < count; i++) this.threads.push(this.start(script));
  }

  /**
   * Null when no thread is wanted or none can be started: read on the calling thread. Never
   * throws: a scan must not fail (or hang) because its reads cannot be spread.
   */
  static open(count?: number): ResourceReadThreads | null {
    // The web server's scans ("Scan now", the schedule) read here: its bundle is not a place to start threads from.
    if (process.env.NEXT_RUNTIME) return null;
    try {
      const wanted = count ?? configuredReadThreads();
      if (wanted === 0) return null;
      if (!import.meta.url.startsWith("file:")) return onCallingThread("this build has no thread script");
      const script = threadScript();
      return script ? new ResourceReadThreads(wanted, script) : onCallingThread("the thread script is not beside this module");
    } catch (error) {
      return onCallingThread((error as Error).message);
    }
  }

  /** How many threads have started and answered (for tests and the bench). */
  async liveThreads(): Promise<number> {
    return (await this.live()).length;
  }

  private async live(): Promise<ReaderThread[]> {
    const live = [];
    for (const thread of this.threads) if (!thread.dead && (await thread.ready)) live.push(thread);
    return live;
  }

  private start(script: URL): ReaderThread {
    const worker = new Worker(script, { env: SHARE_ENV, execArgv: [] });
    worker.unref();
    const thread: ReaderThread = { worker, ready: Promise.resolve(false), pending: new Map(), dead: false };
    const died = (why: string) => {
      thread.dead = true;
      for (const waiting of thread.pending.values()) waiting.reject(new ResourceReadError(`the resource reader thread stopped: ${why}`));
      thread.pending.clear();
    };
    thread.ready = new Promise<boolean>((resolve) => {
      // A thread not up in time is not waited for: its reads are done here.
      const late = setTimeout(() => {
        died("it did not start within 30 s");
        void worker.terminate();
        resolve(false);
      }, READY_TIMEOUT_MS).unref();
      const settle = (ok: boolean) => {
        clearTimeout(late);
        resolve(ok);
      };
      worker.once("message", (message) => settle(message === "ready"));
      worker.once("error", () => settle(false));
      worker.once("exit", () => settle(false));
    });
    worker.on("message", (message: ThreadReadReply | CredentialsRequest | "ready") => {
      if (message === "ready") return;
      const waiting = thread.pending.get(message.id);
      if (message.type === "credentials?") {
        void this.freshCredentials(waiting?.credentials).then((reply) => worker.postMessage({ type: "credentials", id: message.id, ...reply } satisfies CredentialsReply));
        return;
      }
      thread.pending.delete(message.id);
      waiting?.resolve(message);
    });
    worker.on("error", (error) => died(error.message));
    worker.on("exit", (code) => died(`exit code ${code}`));
    return thread;
  }

  /**
   * Reads one account's resources on the least busy live thread (on this one when none is),
   * adding the calls made to `options.calls`.
   */
  async read(options: ResourceReadOptions): Promise<AccountResourceRead> {
    const thread = (await this.live()).sort((a, b) => a.pending.size - b.pending.size)[0];
    if (!thread) {
      if (this.threads.length > 0) onCallingThread("no reader thread is running");
      return readAccountResources(options);
    }
    const { credentials, calls, ...rest } = options;
    const id = this.next++;
    const request: ThreadReadRequest = { type: "read", id, options: { ...rest, credentials: credentials ? await credentials() : null } };
    let reply: ThreadReadReply;
    try {
      reply = await new Promise<ThreadReadReply>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject, credentials });
        thread.worker.postMessage(request);
      });
    } catch {
      // The thread died with this read in hand: read it here instead.
      return readAccountResources(options);
    }
    addCalls(calls, reply.calls);
    if (reply.error !== undefined) throw new ResourceReadError(reply.error);
    return reply.read!;
  }

  /** The account's provider refreshes the role session when it nears expiry (memberCredentials.ts). */
  private async freshCredentials(provider: ResourceReadOptions["credentials"]): Promise<Omit<CredentialsReply, "type" | "id">> {
    if (!provider) return { error: "this read has no role session to refresh" };
    try {
      return { credentials: await provider() };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

let toldOnce = false;

/** Says once per process why reads stay on the scanning thread (slower, nothing lost). */
function onCallingThread(why: string): null {
  if (!toldOnce) console.warn(`vendorscope: resource reads stay on the scanning thread: ${why}`);
  toldOnce = true;
  return null;
}

function addCalls(counter: ServiceCallCounter, calls: Record<string, number>): void {
  for (const [service, n] of Object.entries(calls)) counter.counter(service).count += n;
}

/** Reads on the threads when there are some, else here. */
export function readResources(threads: ResourceReadThreads | null | undefined, options: ResourceReadOptions): Promise<AccountResourceRead> {
  return threads ? threads.read(options) : readAccountResources(options);
}
