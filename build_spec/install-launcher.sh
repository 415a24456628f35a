#!/bin/sh
# Puts NOC Orchestrator in the desktop's application menu, run from the unpacked bundle folder:
# the launcher (Exec = this folder's noc-desktop) into $XDG_DATA_HOME/applications (default
# ~/.local/share), the icon into the hicolor theme there. --system: /usr/local/share instead
# (as root), for every user. Nothing else is written; removing those two files undoes it.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
case "${1:-}" in
    --system) data=/usr/local/share ;;
    "") data="${XDG_DATA_HOME:-$HOME/.local/share}" ;;
    *) echo "usage: $0 [--system]" >&2; exit 2 ;;
esac
case "$here" in
    *[\"\`\$\\%\ ]*) echo "install-launcher: move the folder to a path without spaces, quotes or % first ($here)" >&2
           exit 2 ;;
esac
mkdir -p "$data/applications" "$data/icons/hicolor/scalable/apps"
cp "$here/noc-desktop.svg" "$data/icons/hicolor/scalable/apps/noc-desktop.svg"
sed -e "s|^Exec=.*|Exec=$here/noc-desktop|" -e "s|^TryExec=.*|TryExec=$here/noc-desktop|" \
    "$here/noc-desktop.desktop" > "$data/applications/noc-desktop.desktop"
echo "launcher: $data/applications/noc-desktop.desktop"
echo "icon:     $data/icons/hicolor/scalable/apps/noc-desktop.svg"
