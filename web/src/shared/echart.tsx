import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = EChartsCoreOption;

type Props = {
  option: ChartOption;
  height: number;
  /** What the chart shows, for screen readers. */
  label: string;
  /** A click on a mark: the series' data index. */
  onClick?: (dataIndex: number) => void;
  /** A click anywhere in the plot: the x-axis value under the pointer (for lines too thin to hit). */
  onPlotClick?: (x: number) => void;
};

/**
 * One Apache ECharts chart, drawn as SVG and named for screen readers by `label` (the numbers
 * behind each chart are also in a table on the page), resized with its box and disposed with the
 * component. Options are plain ECharts options; the app's charts give each a title, labelled
 * axes, a legend and tooltips.
 */
export function EChart({ option, height, label, onClick, onPlotClick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const plotClick = useRef(onPlotClick);
  plotClick.current = onPlotClick;

  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => click.current?.((p as { dataIndex: number }).dataIndex));
    c.getZr().on('click', (e) => {
      if (!plotClick.current || !c.containPixel({ gridIndex: 0 }, [e.offsetX, e.offsetY])) return;
      const [x] = c.convertFromPixel({ gridIndex: 0 }, [e.offsetX, e.offsetY]) as number[];
      if (x !== undefined && Number.isFinite(x)) plotClick.current(x);
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
