#!/usr/bin/env python3
"""Writes a Compose file with N services (default 1000) using the common keys, for load benchmarks."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
out = ["name: bench", "x-common: &common", "  restart: unless-stopped", "  labels:", "    tier: bench", "services:"]
for i in range(n):
    out += [
        f"  svc{i}:",
        "    <<: *common",
        f"    image: registry.example/app{i % 17}:1.{i % 5}",
        f"    command: [\"/bin/app\", \"--port\", \"{8000 + i % 1000}\"]",
        "    environment:",
        f"      - SERVICE_ID={i}",
        "      - MODE=${MODE:-production}",
        "    ports:",
        f"      - \"127.0.0.1:{10000 + i}:80\"",
        "    volumes:",
        f"      - data{i % 10}:/var/lib/app",
        "      - ./conf:/etc/app:ro",
        "    networks: [front, back]",
        "    healthcheck:",
        "      test: [\"CMD\", \"true\"]",
        "      interval: 10s",
        "    mem_limit: 256m",
    ]
    if i > 0:
        out += ["    depends_on:", f"      - svc{i - 1}"]
out += ["networks:", "  front: {}", "  back: {}", "volumes:"]
out += [f"  data{j}: {{}}" for j in range(10)]
print("\n".join(out))
