# driftwatch as a container image: built with Swift 6.3 on Debian bookworm, run on
# bookworm-slim with only the shared libraries the binary loads. The Swift runtime and
# Foundation are linked statically (--static-swift-stdlib); what stays dynamic is
# libinotifytools (the watcher), SQLite (the ledger), snappy, zstd and zlib (Parquet and gzip
# input) and the C/C++ runtime slim already has.
#   docker build -t driftwatch:local .        (compose.yml does this for you)
ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libinotifytools0-dev libsqlite3-dev libsnappy-dev libzstd-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# .git comes along (see .dockerignore): the BuildCommit plugin records the commit for --version.
COPY . .
RUN swift build -c release --product driftwatch --static-swift-stdlib \
    && install -D -m 755 "$(swift build -c release --show-bin-path)/driftwatch" /out/driftwatch

FROM ${RUNTIME_IMAGE}
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libinotifytools0 libsqlite3-0 libsnappy1v5 libzstd1 zlib1g \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 driftwatch \
    && useradd --system --uid 10001 --gid driftwatch --home-dir /workspace --no-create-home --shell /usr/sbin/nologin driftwatch \
    && install -d -o driftwatch -g driftwatch /workspace/inbox /workspace/reports /workspace/registry /workspace/state
COPY --from=build /out/driftwatch /usr/local/bin/driftwatch
COPY deploy/docker/driftwatch-healthcheck /usr/local/bin/driftwatch-healthcheck
# The build fails here when a shared library is missing or the binary does not start.
RUN /usr/local/bin/driftwatch --version
USER driftwatch
WORKDIR /workspace
# 8080: serve; 9464 and 9465: the metrics of watch and worker in compose.yml.
EXPOSE 8080 9464 9465
ENTRYPOINT ["/usr/local/bin/driftwatch"]
CMD ["--help"]
