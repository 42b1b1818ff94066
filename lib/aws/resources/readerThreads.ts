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
import { readAccountResources, type AccountResourceRead, type ResourceReadOptions } from "./resourceReader";

/** What a thread is asked: the read's options, with credentials resolved (the thread cannot call back for them). */
export interface ThreadReadRequest {
  id: number;
  options: Omit<ResourceReadOptions, "credentials" | "calls"> & { credentials: AwsCredentialIdentity | null };
}

export interface ThreadReadReply {
  id: number;
  calls: Record<string, number>;
  read?: AccountResourceRead;
  error?: string;
}

export class ResourceReadError extends Error {
  override name = "ResourceReadError";
}

interface ReaderThread {
  worker: Worker;
  ready: Promise<boolean>;
  pending: Map<number, { resolve: (reply: ThreadReadReply) => void; reject: (error: Error) => void }>;
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

  /** Null when no thread is wanted or the thread script is not found: read on the calling thread. */
  static open(count = configuredReadThreads()): ResourceReadThreads | null {
    if (count === 0 || !import.meta.url.startsWith("file:")) return null;
    const script = threadScript();
    return script ? new ResourceReadThreads(count, script) : null;
  }

  private start(script: URL): ReaderThread {
    const worker = new Worker(script, { env: SHARE_ENV, execArgv: [] });
    worker.unref();
    const thread: ReaderThread = { worker, ready: Promise.resolve(false), pending: new Map(), dead: false };
    thread.ready = new Promise<boolean>((resolve) => {
      worker.once("message", (message) => resolve(message === "ready"));
      worker.once("error", () => resolve(false));
      worker.once("exit", () => resolve(false));
    });
    worker.on("message", (reply: ThreadReadReply | "ready") => {
      if (reply === "ready") return;
      const waiting = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    const died = (why: string) => {
      thread.dead = true;
      for (const waiting of thread.pending.values()) waiting.reject(new ResourceReadError(`the resource reader thread stopped: ${why}`));
      thread.pending.clear();
    };
    worker.on("error", (error) => died(error.message));
    worker.on("exit", (code) => died(`exit code ${code}`));
    return thread;
  }

  /**
   * Reads one account's resources on the least busy live thread (on this one when none is),
   * adding the calls made to `options.calls`.
   */
  async read(options: ResourceReadOptions): Promise<AccountResourceRead> {
    const live = [];
    for (const thread of this.threads) if (!thread.dead && (await thread.ready)) live.push(thread);
    const thread = live.sort((a, b) => a.pending.size - b.pending.size)[0];
    if (!thread) return readAccountResources(options);
    const { credentials, calls, ...rest } = options;
    const id = this.next++;
    const request: ThreadReadRequest = { id, options: { ...rest, credentials: credentials ? await credentials() : null } };
    let reply: ThreadReadReply;
    try {
      reply = await new Promise<ThreadReadReply>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
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

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

function addCalls(counter: ServiceCallCounter, calls: Record<string, number>): void {
  for (const [service, n] of Object.entries(calls)) counter.counter(service).count += n;
}

/** Reads on the threads when there are some, else here. */
export function readResources(threads: ResourceReadThreads | null | undefined, options: ResourceReadOptions): Promise<AccountResourceRead> {
  return threads ? threads.read(options) : readAccountResources(options);
}
