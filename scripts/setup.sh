#!/usr/bin/env bash
# Set up everything the app and its tests need, idempotently:
#   - Debian packages listed in packaging/apt-packages.txt (LibreOffice, poppler, fonts, Qt's
#     libraries, PostgreSQL's server for the shared archive's tests), when run as root with apt-get,
#   - a virtual environment in .venv with the app installed (editable) and the test tools.
# Re-running is cheap: nothing is reinstalled unless pyproject.toml or the package list changed.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      python=$candidate
      break
    fi
  done
fi
if [ -z "$python" ]; then
  echo "setup: Python 3.11 or newer is needed (set PYTHON=/path/to/python3)" >&2
  exit 1
fi

# apt and dpkg let one installer run at a time. When another one holds their lock (unattended-upgrades
# a few minutes after boot, apt in another terminal), wait for it instead of failing at once: say so,
# let apt wait for the dpkg lock itself (DPkg::Lock::Timeout), and retry what apt does not wait for
# (the package lists' lock that "apt-get update" takes). APT_LOCK_WAIT seconds at most per command.
apt_lock_wait=${APT_LOCK_WAIT:-600}
if [ "$apt_lock_wait" -ge 120 ]; then apt_wait_text="$((apt_lock_wait / 60)) 分钟"; else apt_wait_text="$apt_lock_wait 秒"; fi
apt_locks="/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock"

# The process holding one of apt's locks, as "PID (name)", or nothing. apt's locks are POSIX
# (fcntl) locks, listed in /proc/locks by inode.
apt_lock_holder() {
  local f ino pid
  for f in $apt_locks; do
    [ -e "$f" ] || continue
    ino=$(stat -c %i "$f")
    pid=$(awk -v ino="$ino" '$2 != "->" { split($6, d, ":"); if (d[3] == ino) { print $5; exit } }' \
      /proc/locks 2>/dev/null || true)
    if [ -n "$pid" ]; then
      echo "$pid ($(cat "/proc/$pid/comm" 2>/dev/null || echo '?'))"
      return
    fi
  done
}

apt_get() {
  local deadline=$((SECONDS + apt_lock_wait)) said="" err holder left rc
  err=$(mktemp)
  while :; do
    holder=$(apt_lock_holder)
    if [ -n "$holder" ] && [ "$SECONDS" -lt "$deadline" ]; then
      if [ -z "$said" ]; then
        echo "setup: 另一个安装程序正在运行，等待…（进程 $holder，最多 $apt_wait_text）" >&2
        said=1
      fi
      sleep 2
      continue
    fi
    left=$((deadline - SECONDS))
    [ "$left" -gt 0 ] || left=0
    rc=0
    LC_ALL=C apt-get -o DPkg::Lock::Timeout="$left" "$@" 2>"$err" || rc=$?
    if [ "$rc" != 0 ] && grep -q -E 'Could not get lock|Unable to (acquire|lock)' "$err"; then
      if [ "$SECONDS" -lt "$deadline" ]; then
        if [ -z "$said" ]; then
          echo "setup: 另一个安装程序正在运行，等待…（最多 $apt_wait_text）" >&2
          said=1
        fi
        sleep 5
        continue
      fi
      cat "$err" >&2
      holder=$(apt_lock_holder)
      echo "setup: 等了 $apt_wait_text，另一个安装程序仍在运行（${holder:-见上}）。等它结束后再运行一次" \
        "scripts/setup.sh，或设 APT_LOCK_WAIT=秒数 等得更久。" >&2
      rm -f "$err"
      return "$rc"
    fi
    cat "$err" >&2
    rm -f "$err"
    [ -z "$said" ] || [ "$rc" != 0 ] || echo "setup: 另一个安装程序已结束，继续。" >&2
    return "$rc"
  done
}

# A venv that an earlier run left half made (no pip in it) is made again.
if [ -x .venv/bin/python ] && [ ! -f .venv/.setup-stamp ] &&
  ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  rm -rf .venv
fi

# System packages (fonts, LibreOffice, poppler, Qt's runtime libraries) for the tests.
missing=""
# Debian and Ubuntu ship venv's pip bootstrap (ensurepip) apart from Python: python3.X-venv.
venv_package=""
if [ ! -x .venv/bin/python ] && ! "$python" -c 'import ensurepip' >/dev/null 2>&1; then
  venv_package=python$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv
  missing=" $venv_package"
fi
for p in $(grep -v '^[[:space:]]*#' packaging/apt-packages.txt 2>/dev/null || true); do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages:$missing"
    apt_get update -qq
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive apt_get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "setup: these Debian packages are needed (install them as root):$missing" >&2
    if [ -n "$venv_package" ]; then
      echo "setup: $python 建不了虚拟环境（缺 $venv_package）；以 root 运行 apt-get install $venv_package 后再试" >&2
      exit 1
    fi
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.setup-stamp
want=$(cat pyproject.toml packaging/apt-packages.txt 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  # setuptools >= 77 reads the SPDX licence in pyproject.toml, also for builds without isolation.
  .venv/bin/python -m pip install --quiet --upgrade pip "setuptools>=77.0.3"
  # Without the filter, setuptools prints a box about editable installs on every install.
  PYTHONWARNINGS="ignore:Editable installation" .venv/bin/python -m pip install --quiet -e '.[test,ocr]'
  # OCR's models come in this wheel; its own requirements name OpenCV's GUI build (its own Qt),
  # so it is installed without them: the [ocr] extra above brings the headless build instead.
  .venv/bin/python -m pip install --quiet --no-deps "rapidocr-onnxruntime==1.4.4"
  echo "$want" >"$stamp"
fi
# The interface's translations: .ts (committed) -> .qm (built, never committed).
.venv/bin/python scripts/i18n.py build
