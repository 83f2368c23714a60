import { Resvg } from '@resvg/resvg-js';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ProgressStatus } from '../../../shared/domain';
import type { ProgressChart } from '../../../shared/report/report-document';

echarts.use([BarChart, GridComponent, MarkLineComponent, SVGRenderer]);

/** A chart drawn twice: SVG for Word 2016+ and WPS, PNG for what shows no SVG (LibreOffice, older Word). */
export interface RenderedChart {
  svg: Uint8Array;
  png: Uint8Array;
  /** Size on the page in pixels at 96 to the inch, as docx's ImageRun takes it. */
  width: number;
  height: number;
}

/** The 进度 screen's colours (UI.md): the status is also written beside each bar, never colour alone. */
const STATUS_COLOURS: Record<ProgressStatus, string> = {
  已达标: '#2e7d32',
  进度正常: '#1f6fb2',
  滞后: '#d48806',
  倒退: '#c0392b',
  无法评估: '#9e9e9e',
};

/**
 * Fonts named for each system the file is opened on; the PNG is drawn with whichever of them
 * this machine has (Windows: 黑体/微软雅黑; Linux: 文泉驿). Single quotes: ECharts writes the
 * list into a style attribute in double quotes.
 */
const FONT_FAMILY = "SimHei, 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";
/** The PNG is drawn at three times the page size: about 290 dpi when printed. */
const PNG_ZOOM = 3;
const BAR_HEIGHT = 30;
const LABEL_CHARS = 13;

/** Long names wrap after 13 characters so the label column keeps its width. */
function wrapLabel(name: string): string {
  const chars = [...name];
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += LABEL_CHARS) lines.push(chars.slice(i, i + LABEL_CHARS).join(''));
  return lines.join('\n');
}

/** Axis bounds in steps of 20 %: 0 to at least 100, wider where a bar needs it, clipped at −100 and 300. */
function axisBounds(chart: ProgressChart): { min: number; max: number } {
  const values = chart.bars.flatMap((b) => (b.progress === null ? [] : [b.progress]));
  const min = Math.max(-100, Math.min(0, Math.floor(Math.min(0, ...values) / 20) * 20));
  const max = Math.min(300, Math.max(100, Math.ceil(Math.max(100, ...values) / 20) * 20));
  return { min, max };
}

/**
 * 完成进度 of each indicator as a horizontal bar, its status colour and figure at its end, with
 * the 时间进度 as a dashed line (and the target, 100 %, as a solid one): progress against elapsed
 * time, the same for every unit, so one chart serves an area whatever its indicators measure.
 */
export function renderProgressChart(chart: ProgressChart, widthPx: number): RenderedChart {
  const height = 56 + chart.bars.length * BAR_HEIGHT + chart.bars.filter((b) => [...b.label].length > LABEL_CHARS).length * 8;
  const { min, max } = axisBounds(chart);
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: widthPx, height });
  const lines = [{ xAxis: 100, label: { formatter: '目标 100%', position: 'start' as const }, lineStyle: { type: 'solid' as const, color: '#555' } }];
  if (chart.elapsed < 100) {
    lines.push({ xAxis: chart.elapsed, label: { formatter: `时间进度 ${chart.elapsed.toFixed(1)}%`, position: 'start' as const }, lineStyle: { type: 'dashed' as never, color: '#333' } });
  }
  instance.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_FAMILY, fontSize: 11, color: '#222' },
    grid: { left: 8, right: 64, top: 28, bottom: 24 },
    xAxis: {
      type: 'value',
      min,
      max,
      interval: max - min > 200 ? 50 : 20,
      axisLabel: { formatter: '{value}%', fontSize: 10, color: '#444' },
      splitLine: { lineStyle: { color: '#e0e0e0' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: chart.bars.map((b) => wrapLabel(b.label)),
      axisLabel: { fontSize: 11, color: '#222', lineHeight: 13 },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        data: chart.bars.map((b) => {
          const shown = b.progress === null ? 0 : Math.max(min, Math.min(max, b.progress));
          const figure = b.progress === null ? '无进度值' : `${b.progress.toFixed(1)}%`;
          return {
            value: shown,
            itemStyle: { color: STATUS_COLOURS[b.status] },
            // On the right of a bar, a negative one's too: on its left it would run into the names.
            label: { show: true, position: 'right' as const, formatter: `${figure} ${b.status}`, fontSize: 10, color: '#222' },
          };
        }),
        markLine: { symbol: 'none', silent: true, label: { fontSize: 10, color: '#333' }, data: lines },
      },
    ],
  });
  const svgText = instance.renderToSVGString();
  instance.dispose();
  const png = new Resvg(svgText, {
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    background: '#ffffff',
    font: { loadSystemFonts: true },
  })
    .render()
    .asPng();
  return { svg: new TextEncoder().encode(svgText), png: new Uint8Array(png), width: widthPx, height };
}
