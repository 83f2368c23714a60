// Draws the app icon (a ledger page on the accent colour) as PNG files, with no image tools:
// `node resources/icons/draw-icon.mjs` writes icon.png (512 px, for electron-builder) and the
// renderer's favicon.png (64 px). Re-run after changing the drawing; the outputs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const ACCENT = [31, 111, 235];
const PAGE = [255, 255, 255];
const RULE = [160, 178, 204];
const HEADER = [214, 228, 250];
const MARK = [22, 163, 74];

/** Colour of the pixel at (x, y) in a unit square (0..1), or null for transparent. */
function colourAt(x, y) {
  const r = 0.19; // corner radius of the tile
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const inPage = x > 0.2 && x < 0.8 && y > 0.16 && y < 0.84;
  if (!inPage) return ACCENT;
  const check = [
    [0.5, 0.66, 0.58, 0.74],
    [0.58, 0.74, 0.72, 0.56],
  ].some(([x1, y1, x2, y2]) => distanceToSegment(x, y, x1, y1, x2, y2) < 0.028);
  if (check) return MARK;
  if (y < 0.3) return HEADER;
  const line = 0.008;
  const rows = [0.3, 0.42, 0.54, 0.66, 0.78];
  if (rows.some((row) => Math.abs(y - row) < line) || Math.abs(x - 0.36) < line) return RULE;
  return PAGE;
}

function distanceToSegment(px, py, x1, y1, x2, y2) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA PNG, each pixel averaged over 4×4 samples so edges are smooth. */
function drawPng(size) {
  const samples = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const colour = colourAt((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          for (let i = 0; i < 3; i += 1) sum[i] += colour[i];
          sum[3] += 1;
        }
      }
      const offset = y * (size * 4 + 1) + 1 + x * 4;
      const covered = sum[3];
      for (let i = 0; i < 3; i += 1) raw[offset + i] = covered ? Math.round(sum[i] / covered) : 0;
      raw[offset + 3] = Math.round((covered / (samples * samples)) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

writeFileSync(new URL('./icon.png', import.meta.url), drawPng(512));
writeFileSync(new URL('../../renderer/public/favicon.png', import.meta.url), drawPng(64));
