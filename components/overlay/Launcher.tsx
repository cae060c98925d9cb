import { useRef, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { clampLauncher, launcherPosition, type LauncherPosition } from '@/lib/settings/launcher';

const DRAG_PX = 5;

/**
 * The launcher: a slim tab on the window's edge (out of the page's own corners). Dragging it moves
 * it along the edge or to the other edge; Alt+↑/↓ and Alt+←/→ do the same from the keyboard. The
 * position is kept in the extension's storage.
 */
export function Launcher({
  buttonRef,
  open,
  onToggle,
  position,
}: {
  buttonRef: React.RefObject<HTMLButtonElement | null>;
  open: boolean;
  onToggle: () => void;
  position: LauncherPosition;
}) {
  const { t } = useI18n();
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const dragged = useRef(false);
  const [live, setLive] = useState<LauncherPosition | null>(null);
  const shown = live ?? position;
  const save = (p: LauncherPosition) => void launcherPosition.setValue(clampLauncher(p));
  const at = (e: React.PointerEvent): LauncherPosition =>
    clampLauncher({ side: e.clientX < window.innerWidth / 2 ? 'left' : 'right', y: 1 - e.clientY / window.innerHeight });
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`dm-launcher dm-launcher-${shown.side}`}
      style={{ bottom: `${shown.y * 100}vh` }}
      aria-label={t('overlay.launcher')}
      aria-expanded={open}
      title={t('overlay.launcherMove')}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        drag.current = { x: e.clientX, y: e.clientY, moved: false };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d) return;
        if (!d.moved && Math.hypot(e.clientX - d.x, e.clientY - d.y) < DRAG_PX) return;
        d.moved = true;
        setLive(at(e));
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        drag.current = null;
        if (d?.moved) {
          dragged.current = true;
          save(at(e));
          setLive(null);
        }
      }}
      onClick={() => {
        // The click that ends a drag does not open the panel.
        if (dragged.current) {
          dragged.current = false;
          return;
        }
        onToggle();
      }}
      onKeyDown={(e) => {
        if (!e.altKey) return;
        const step = 0.05;
        const next =
          e.key === 'ArrowUp'
            ? { ...position, y: position.y + step }
            : e.key === 'ArrowDown'
              ? { ...position, y: position.y - step }
              : e.key === 'ArrowLeft'
                ? { ...position, side: 'left' as const }
                : e.key === 'ArrowRight'
                  ? { ...position, side: 'right' as const }
                  : null;
        if (!next) return;
        e.preventDefault();
        save(next);
      }}
    >
      {t('app.name')}
    </button>
  );
}
