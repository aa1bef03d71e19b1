import { useEffect, useRef, useState, type RefObject } from 'react';

/** An A4 page's width in CSS pixels (210 mm at 96 dpi): the frame is drawn that wide and scaled to fit. */
const A4_WIDTH = 794;
const A4_HEIGHT = 1123;

/**
 * A receipt or invoice page as the core made it, in a frame that runs no script (sandboxed without
 * `allow-scripts`): the page only shows the sale. `allow-same-origin` lets this screen call the frame's print(),
 * `allow-modals` lets that print dialog open. An A4 page is laid out at its real width and scaled down to the
 * space there is, so the preview looks like the paper.
 */
export function DocumentFrame({
  html,
  title,
  frameRef,
  paper,
}: {
  html: string;
  title: string;
  frameRef: RefObject<HTMLIFrameElement | null>;
  paper: 'slip80' | 'a4';
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const element = box.current;
    if (!element || paper !== 'a4') return;
    const observer = new ResizeObserver(() => setScale(Math.min(1, element.clientWidth / A4_WIDTH)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [paper]);

  if (paper === 'slip80')
    return (
      <iframe
        ref={frameRef}
        title={title}
        srcDoc={html}
        sandbox="allow-same-origin allow-modals"
        className="mx-auto h-[55vh] w-[22rem] max-w-full rounded-lg border border-line bg-white"
      />
    );
  // The page sits in an absolutely placed scroller: its 794 px never widen the panel it is measured in.
  return (
    <div ref={box} className="relative h-[55vh] w-full min-w-0 rounded-lg border border-line bg-slate-100">
      <div className="absolute inset-0 overflow-x-hidden overflow-y-auto">
        <div style={{ width: A4_WIDTH * scale, height: A4_HEIGHT * scale, overflow: 'hidden' }}>
          <iframe
            ref={frameRef}
            title={title}
            srcDoc={html}
            sandbox="allow-same-origin allow-modals"
            style={{
              width: A4_WIDTH,
              height: A4_HEIGHT,
              transform: `scale(${scale})`,
              transformOrigin: '0 0',
            }}
            className="bg-white"
          />
        </div>
      </div>
    </div>
  );
}

export const useFrame = () => useRef<HTMLIFrameElement>(null);

/** The browser's print of the page in the frame (80 mm or A4: the page's own CSS says which). */
export function printFrame(frame: HTMLIFrameElement | null): void {
  frame?.contentWindow?.focus();
  frame?.contentWindow?.print();
}
