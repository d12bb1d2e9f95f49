import fs from 'node:fs';

/** GET /server_info: uptime, idle time and this process's resources, like 0.15 (psutil) reports them. */
export class ServerInfo {
  private readonly startedAt = Date.now();
  private lastActionAt = this.startedAt;
  private lastCpu = process.cpuUsage();
  private lastCpuAt = process.hrtime.bigint();

  markAction(): void {
    this.lastActionAt = Date.now();
  }

  collect(): Record<string, unknown> {
    const now = Date.now();
    return {
      uptime: (now - this.startedAt) / 1000,
      idle_time: (now - this.lastActionAt) / 1000,
      resources: {
        cpu_percent: this.cpuPercentSinceLastCall(),
        memory: memoryOfThisProcess(),
        disk: diskOfRoot(),
        io: ioOfThisProcess(),
      },
    };
  }

  private cpuPercentSinceLastCall(): number {
    const cpu = process.cpuUsage(this.lastCpu);
    const at = process.hrtime.bigint();
    const elapsedMicros = Number(at - this.lastCpuAt) / 1000;
    this.lastCpu = process.cpuUsage();
    this.lastCpuAt = at;
    if (elapsedMicros <= 0) return 0;
    return round1(((cpu.user + cpu.system) / elapsedMicros) * 100);
  }
}

function memoryOfThisProcess(): {rss: number; vms: number; percent: number} {
  const status = readProcFields('/proc/self/status');
  const rss = (status.VmRSS ?? 0) * 1024 || process.memoryUsage().rss;
  const vms = (status.VmSize ?? 0) * 1024;
  const total = (readProcFields('/proc/meminfo').MemTotal ?? 0) * 1024;
  return {rss, vms, percent: total > 0 ? round1((rss / total) * 100) : 0};
}

function diskOfRoot(): {total: number; used: number; free: number; percent: number} {
  try {
    const stat = fs.statfsSync('/');
    const total = stat.blocks * stat.bsize;
    const free = stat.bavail * stat.bsize;
    const used = (stat.blocks - stat.bfree) * stat.bsize;
    return {total, used, free, percent: used + free > 0 ? round1((used / (used + free)) * 100) : 0};
  } catch {
    return {total: 0, used: 0, free: 0, percent: 0};
  }
}

function ioOfThisProcess(): {read_bytes: number; write_bytes: number} {
  const io = readProcFields('/proc/self/io');
  return {read_bytes: io.read_bytes ?? 0, write_bytes: io.write_bytes ?? 0};
}

/** `Name: 123 kB` lines of a /proc file as numbers (the unit is dropped); {} when unreadable. */
export function parseProcFields(text: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_()]+):\s+(\d+)/.exec(line);
    if (match?.[1] && match[2]) fields[match[1]] = Number(match[2]);
  }
  return fields;
}

function readProcFields(file: string): Record<string, number> {
  try {
    return parseProcFields(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
