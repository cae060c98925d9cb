import { useRef } from 'react';

/**
 * A button that picks one file (the 导入 / Import buttons): the file input is hidden, named like
 * the button, and reset after each pick so that the same file can be chosen again.
 * `before` may veto opening the file dialog (e.g. unsaved changes).
 */
export function FileButton({
  label,
  accept,
  onFile,
  before,
}: {
  label: string;
  accept: string;
  onFile(file: File): void;
  before?: () => boolean;
}) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          if (!before || before()) ref.current?.click();
        }}
      >
        {label}
      </button>
      <input
        ref={ref}
        type="file"
        accept={accept}
        hidden
        aria-label={label}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
