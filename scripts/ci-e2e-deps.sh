#!/usr/bin/env bash
# The end-to-end suite's system packages: Debian's Chromium and a CJK font, installed only when
# missing (the screenshots would show empty boxes without a Chinese font).
set -euo pipefail
missing=()
if [ -z "${CHROME_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then missing+=(fonts-wqy-microhei); fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "端到端测试所需的 Chromium 和中文字体已安装。"
  exit 0
fi
echo "安装端到端测试所需的软件包：${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
