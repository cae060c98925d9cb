import { useI18n } from '@/components/i18n';
import { STEPS, type StepId } from './picks';

/**
 * The steps of a teach, each with its pick button (pressed while picking) and what was picked for
 * it; a title may be widened to its parent (TeachMode.tsx).
 */
export function StepList({
  picking,
  picked,
  buttonRef,
  onToggle,
  onWiden,
}: {
  picking: StepId | null;
  picked: Partial<Record<StepId, string>>;
  buttonRef: (step: StepId, el: HTMLButtonElement | null) => void;
  onToggle: (step: StepId, active: boolean) => void;
  onWiden: (step: StepId) => void;
}) {
  const { t } = useI18n();
  return (
    <ol className="dm-teach-steps" aria-label={t('teach.steps')}>
      {STEPS.map((step) => {
        const label = t(step.label);
        const active = picking === step.id;
        const action = active ? t('teach.stopPicking') : picked[step.id] ? t('teach.pickAgain') : t('teach.pick');
        return (
          <li key={step.id} className={picked[step.id] ? 'dm-teach-done' : undefined}>
            <div className="dm-teach-step">
              <span className="dm-teach-step-name">
                <span aria-hidden="true" className="dm-teach-check">
                  {picked[step.id] ? '✓' : '○'}
                </span>
                {label}
                {step.optional && <span className="dm-teach-muted"> ({t('teach.optional')})</span>}
                {picked[step.id] && <span className="dm-teach-sr"> ({t('teach.stepDone')})</span>}
              </span>
              <button
                type="button"
                ref={(el) => buttonRef(step.id, el)}
                aria-pressed={active}
                aria-label={t('teach.buttonFor', { action, step: label })}
                onClick={() => onToggle(step.id, active)}
              >
                {action}
              </button>
            </div>
            {picked[step.id] && (
              <div className="dm-teach-picked">
                <span>{t('teach.picked', { what: picked[step.id] ?? '' })}</span>
                {/* Messages, composer and list items are found from any inner node; a title may need widening. */}
                {step.id === 'title' && (
                  <button
                    type="button"
                    className="dm-teach-link"
                    aria-label={t('teach.buttonFor', { action: t('teach.widen'), step: label })}
                    onClick={() => onWiden(step.id)}
                  >
                    {t('teach.widen')}
                  </button>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
