// The process logger: one JSON line per event on stdout (pino), level from LOG_LEVEL. Every line
// passes through the scrubber in ./redact.ts, and lines written during a request carry its id.
// One instance per process on globalThis: server.ts and Next's bundles share it.
import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequest } from "./request-context";
import { scrubText, scrubValue } from "./redact";

/** Forwards to stdout, or to a test's capture while one is installed. */
class SwitchableDestination implements DestinationStream {
  private readonly stdout = pino.destination({ fd: 1, sync: true });
  target: { write(line: string): unknown } = this.stdout;
  write(line: string): void {
    this.target.write(line);
  }
  reset(): void {
    this.target = this.stdout;
  }
}

type LoggerState = { logger: Logger; destination: SwitchableDestination };

const KEY = Symbol.for("groundwork.logger");
type WithLogger = typeof globalThis & { [KEY]?: LoggerState };

function defaultLevel(): string {
  if (process.env.LOG_LEVEL) return process.env.LOG_LEVEL;
  // Test runs call route handlers thousands of times; their lines would bury the test report.
  return process.env.VITEST ? "silent" : "info";
}

function create(): LoggerState {
  const destination = new SwitchableDestination();
  const logger = pino(
    {
      level: defaultLevel(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => scrubValue(bindings) as Record<string, unknown>,
        log: (object) => scrubValue(object) as Record<string, unknown>,
      },
      // The error is already a scrubbed plain object (formatters.log); the message is scrubbed too.
      serializers: { err: (value: unknown) => value, msg: (value: unknown) => (typeof value === "string" ? scrubText(value) : value) },
      mixin: () => {
        const request = currentRequest();
        return request ? { request_id: request.requestId } : {};
      },
    },
    destination,
  );
  return { logger, destination };
}

function state(): LoggerState {
  const global = globalThis as WithLogger;
  return (global[KEY] ??= create());
}

export const logger: Logger = state().logger;

/**
 * Collects the lines the process logger writes until `restore()`, at level `level`: how tests
 * check what reaches the log.
 */
export function captureLogOutput(level = "info"): { lines: () => string[]; restore: () => void } {
  const { logger: instance, destination } = state();
  const previousLevel = instance.level;
  const captured: string[] = [];
  destination.target = { write: (line: string) => captured.push(line) };
  instance.level = level;
  return {
    lines: () => captured.flatMap((chunk) => chunk.split("\n")).filter(Boolean),
    restore: () => {
      destination.reset();
      instance.level = previousLevel;
    },
  };
}
