# Shared by scripts/test and scripts/bench: install missing Debian packages with apt.
# Usage: source scripts/_debian.sh; debian_install PACKAGE...  (after scripts/_setup.sh)
debian_install() {
  [ $# -gt 0 ] || return 0
  echo "Installing Debian packages: $* ..."
  local sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null \
    || need "apt-get could not install $*"
}
