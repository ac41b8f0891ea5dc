/**
 * Every component a note may use (src/notes/components.ts) mapped to its Astro component. Typed
 * against the registry, so a name without a component here fails `astro check`.
 */
import type { NoteComponent } from '../notes/components.ts';
import PullQuote from './PullQuote.astro';
import SeriesChart from './SeriesChart.astro';
import Value from './Value.astro';
import Watch from './Watch.astro';
import WatchGroup from './WatchGroup.astro';
import WatchSummary from './WatchSummary.astro';
import WatchTimeline from './WatchTimeline.astro';

type AstroComponent = (props: any) => any;

export const noteComponents = {
  Watch,
  WatchGroup,
  WatchSummary,
  WatchTimeline,
  SeriesChart,
  Value,
  PullQuote,
} as const satisfies Record<NoteComponent, AstroComponent>;
