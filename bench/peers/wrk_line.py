# One wrk --latency log as a tab-separated line: name, requests/s, p50 ms, p99 ms, non-2xx and
# socket errors. Used by the serving benchmarks. usage: python3 wrk_line.py NAME LOG
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
def latency(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan")
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
bad = sum(int(x) for x in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", text))
bad += sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
print(f"{name}\t{rps:.1f}\t{latency(50):.2f}\t{latency(99):.2f}\t{bad}")
