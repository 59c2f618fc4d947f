#!/usr/bin/env bash
# Builds the service's OCI image with the SDK's container publishing (no Docker engine needed) into
# artifacts/visiontracker.tar (an OCI
# image layout in a tar, as the SDK writes it: `podman load -i` / `skopeo copy oci-archive:…` read it), then checks it: its configuration (non-root user, port, health-check label) and a
# start of the image's own files, as the image's user, answering /health/ready.
#
#   scripts/build-image.sh                 on mcr.microsoft.com/dotnet/aspnet:10.0 (the project's base image)
#   scripts/build-image.sh --debian-base   where mcr.microsoft.com is out of reach: a runtime-deps base built here from
#                                          Debian bookworm's packages (what Microsoft's runtime-deps image holds: libc,
#                                          ICU, OpenSSL, tzdata, CA certificates, user app uid 1654), served to the SDK
#                                          from a registry on localhost for the build, with the app self-contained on it
#   --no-check                             build only
#   --check-only                           check artifacts/visiontracker.tar as built before
#
# Needs (Debian): mmdebstrap, docker-registry, skopeo, umoci for --debian-base; skopeo and umoci for the check. Run as root
# (mmdebstrap and the check's chroot); the script installs missing Debian packages itself.
set -euo pipefail
cd "$(dirname "$0")/.."

base=mcr check=1 build=1
for arg in "$@"; do
  case "$arg" in
    --debian-base) base=debian ;;
    --no-check) check=0 ;;
    --check-only) build=0 ;;
    *) echo "unknown argument $arg (see the top of $0)"; exit 2 ;;
  esac
done

out="$(pwd)/artifacts"
work="${TMPDIR:-/tmp}/visiontracker-image-$$"
mkdir -p "$out" "$work"
registry_pid=""
cleanup() { [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

need() { # Debian packages, installed when missing
  local missing=()
  for p in "$@"; do dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
  fi
}

publish_args=(src/VisionTracker.Api -c Release -r linux-x64 -t:PublishContainer -p:ContainerArchiveOutputPath="$out/visiontracker.tar")

if [ "$build" = 0 ]; then
  :
elif [ "$base" = debian ]; then
  need mmdebstrap docker-registry skopeo
  echo "== building the runtime-deps base from Debian bookworm"
  mmdebstrap --quiet --variant=minbase \
    --include=ca-certificates,libicu72,libssl3,tzdata,zlib1g,libstdc++6,libgcc-s1 \
    --customize-hook='chroot "$1" groupadd --gid 1654 app' \
    --customize-hook='chroot "$1" useradd --uid 1654 --gid 1654 --no-create-home --shell /usr/sbin/nologin app' \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/*' \
    bookworm "$work/rootfs.tar" \
    "deb http://deb.debian.org/debian bookworm main" "deb http://deb.debian.org/debian-security bookworm-security main"

  # One layer, its config and manifest as an OCI layout, which skopeo pushes to the local registry.
  python3 - "$work" <<'PY'
import gzip, hashlib, json, os, shutil, sys
work = sys.argv[1]
layout = os.path.join(work, "base")
blobs = os.path.join(layout, "blobs", "sha256")
os.makedirs(blobs)
def blob(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, digest), "wb") as f:
        f.write(data)
    return {"digest": "sha256:" + digest, "size": len(data)}
raw = open(os.path.join(work, "rootfs.tar"), "rb").read()
layer = blob(gzip.compress(raw, compresslevel=6, mtime=0))
config = blob(json.dumps({
    "architecture": "amd64", "os": "linux",
    "config": {"User": "1654", "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_UID=1654"]},
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(raw).hexdigest()]},
}).encode())
manifest = blob(json.dumps({
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", **config},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", **layer}],
}).encode())
json.dump({"imageLayoutVersion": "1.0.0"}, open(os.path.join(layout, "oci-layout"), "w"))
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", **manifest,
          "annotations": {"org.opencontainers.image.ref.name": "bookworm"}}]}, open(os.path.join(layout, "index.json"), "w"))
PY

  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat > "$work/registry.yml" <<EOF
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
EOF
  docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/v2/" > /dev/null 2>&1 && break; sleep 0.2; done
  skopeo copy --quiet --dest-tls-verify=false "oci:$work/base:bookworm" "docker://127.0.0.1:$port/visiontracker-runtime-deps:bookworm"
  # localhost registries are spoken to over plain HTTP by the SDK
  export DOTNET_CONTAINER_INSECURE_REGISTRIES="127.0.0.1:$port"
  publish_args+=(--self-contained -p:ContainerBaseImage="127.0.0.1:$port/visiontracker-runtime-deps:bookworm" -p:ContainerUser=app)
fi

if [ "$build" = 1 ]; then
  echo "== dotnet publish -t:PublishContainer (base: $base)"
  dotnet publish "${publish_args[@]}"
  ls -l "$out/visiontracker.tar"
fi

[ "$check" = 1 ] || exit 0
need skopeo umoci
echo "== checking the image"
skopeo copy --quiet "oci-archive:$out/visiontracker.tar" "oci:$work/image:check"
python3 - "$work/image" <<'PY'
import json, os, sys
layout = sys.argv[1]
def read(digest): return json.load(open(os.path.join(layout, "blobs", *digest.split(":"))))
manifest = read(json.load(open(os.path.join(layout, "index.json")))["manifests"][0]["digest"])
config = read(manifest["config"]["digest"])["config"]
print("user:", config.get("User"), "| ports:", list(config.get("ExposedPorts", {})), "| entrypoint:", config.get("Entrypoint"))
assert config.get("User") not in (None, "", "0", "root"), "the image runs as root"
assert "8080/tcp" in config.get("ExposedPorts", {}), "port 8080 not exposed"
assert "/health/ready" in config.get("Labels", {}).get("org.opencontainers.image.description", ""), "no health-check label"
PY
umoci unpack --image "$work/image:check" "$work/bundle" > /dev/null
entry=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print(json.dumps(c["process"]))' "$work/bundle/config.json")
uid=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["user"]["uid"])' "$entry")
cwd=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["cwd"])' "$entry")
mapfile -t argv < <(python3 -c 'import json,sys; print("\n".join(json.loads(sys.argv[1])["args"]))' "$entry")
mapfile -t envs < <(python3 -c 'import json,sys; print("\n".join(json.loads(sys.argv[1])["env"]))' "$entry")
rootfs="$work/bundle/rootfs"
mkdir -p "$rootfs/data" "$rootfs/proc" "$rootfs/dev" "$rootfs/tmp"
chown "$uid" "$rootfs/data"
chmod 1777 "$rootfs/tmp"
mount -t proc proc "$rootfs/proc"
mount --bind /dev "$rootfs/dev"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "starting ${argv[*]} in the image's files as uid $uid on port $port"
env -i "${envs[@]}" Urls="http://127.0.0.1:$port" Database__ConnectionString="Data Source=/data/visiontracker.db" \
  chroot --userspec="$uid:$uid" "$rootfs" sh -c "cd '$cwd' && exec \"\$@\"" image "${argv[@]}" > "$work/run.log" 2>&1 &
app=$!
ready=0
for _ in $(seq 240); do
  if curl -fsS "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; then ready=1; break; fi
  kill -0 "$app" 2>/dev/null || break
  sleep 0.5
done
kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true
umount "$rootfs/proc" "$rootfs/dev"
if [ "$ready" = 1 ]; then
  echo "the image's service answered /health/ready as uid $uid"
else
  tail -30 "$work/run.log"; echo "the image's service did not become ready"; exit 1
fi
