#!/usr/bin/env bash
# Installs into temporary folders and checks the tree: run by `make test`.
#   1. PREFIX and SYSCONFDIR in a temp folder: every file is there with its mode, the tools
#      run, and `systemd-analyze verify` accepts the unit, whose paths are the installed ones.
#   2. DESTDIR staging: files land under DESTDIR but name PREFIX's paths.
#   3. A second install keeps an operator's edited config.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test-install: $*" >&2; exit 1; }
mode() { stat -c %a "$1"; }

check_tree() { # root sysconfdir
  local root=$1 etc=$2
  for f in bin/vetsd bin/vetsctl; do [ "$(mode "$root/$f")" = 755 ] || fail "$root/$f missing or not 0755"; done
  for f in share/man/man1/vetsd.1 share/man/man1/vetsctl.1 lib/systemd/system/vetsd.service; do
    [ "$(mode "$root/$f")" = 644 ] || fail "$root/$f missing or not 0644"
  done
  grep -q '^\.Dt VETSCTL 1' "$root/share/man/man1/vetsctl.1" || fail "vetsctl.1 is not a man page"
  grep -q 'registry' "$root/share/man/man1/vetsctl.1" || fail "vetsctl.1 does not describe the registry commands"
  grep -q '^\.Dt VETSD 1' "$root/share/man/man1/vetsd.1" || fail "vetsd.1 is not a man page"
  grep -q '^complete -o filenames -F _vetsctl vetsctl' "$root/share/bash-completion/completions/vetsctl" || fail "no bash completion for vetsctl"
  grep -q '^#compdef vetsctl' "$root/share/zsh/site-functions/_vetsctl" || fail "no zsh completion for vetsctl"
  grep -q "^complete -c 'vetsctl'" "$root/share/fish/vendor_completions.d/vetsctl.fish" || fail "no fish completion for vetsctl"
  grep -q '_vetsd()' "$root/share/bash-completion/completions/vetsd" || fail "no bash completion for vetsd"
  [ "$(mode "$etc/vetsd/vetsd.toml")" = 640 ] || fail "$etc/vetsd/vetsd.toml missing or not 0640"
  grep -q '^2025-01-28 holiday' "$etc/vetsd/working-calendar.txt" || fail "no example working calendar beside the config"
}

# 1. A real prefix: the unit must verify with the installed binary.
prefix=$tmp/prefix/usr/local
make --no-print-directory install PREFIX="$prefix" SYSCONFDIR="$tmp/prefix/etc" CONFIGURATION=debug >/dev/null
check_tree "$prefix" "$tmp/prefix/etc"
unit=$prefix/lib/systemd/system/vetsd.service
grep -q "^ExecStart=$prefix/bin/vetsd --config $tmp/prefix/etc/vetsd/vetsd.toml " "$unit" || fail "the unit does not start the installed vetsd"
systemd-analyze verify --man=no "$unit" || fail "systemd-analyze verify refused the unit"
for setting in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes Restart=on-failure \
  RuntimeDirectory=vetsd StateDirectory=vetsd User=vetsd Group=vetsd 'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6'; do
  grep -qx "$setting" "$unit" || fail "the unit lacks $setting"
done
VETSCTL_SOCKET=/nonexistent/vetsd.sock "$prefix/bin/vetsctl" version >/dev/null || fail "the installed vetsctl does not run"
"$prefix/bin/vetsd" check-config --config "$tmp/prefix/etc/vetsd/vetsd.toml" >/dev/null || fail "the installed sample config is not valid"

# 2. DESTDIR staging for a package. It installs what is built and builds nothing: with
#    SWIFT=false any build would fail (step 1 made the manual pages).
make --no-print-directory install SWIFT=false DESTDIR="$tmp/stage" PREFIX=/usr CONFIGURATION=debug >/dev/null 2>"$tmp/install.err" \
  || fail "installing the debug build tried to build: $(cat "$tmp/install.err")"
check_tree "$tmp/stage/usr" "$tmp/stage/etc"
grep -q '^ExecStart=/usr/bin/vetsd --config /etc/vetsd/vetsd.toml ' "$tmp/stage/usr/lib/systemd/system/vetsd.service" \
  || fail "a staged unit must name the final paths, not DESTDIR"

# 3. An operator's config survives a reinstall.
echo '# edited by the operator' >> "$tmp/stage/etc/vetsd/vetsd.toml"
make --no-print-directory install DESTDIR="$tmp/stage" PREFIX=/usr CONFIGURATION=debug >/dev/null 2>&1
grep -q 'edited by the operator' "$tmp/stage/etc/vetsd/vetsd.toml" || fail "a reinstall overwrote the operator's config"
[ -f "$tmp/stage/etc/vetsd/vetsd.toml.sample" ] || fail "a reinstall did not leave the new sample beside the config"
echo "test-install: ok"
