// Sending a wave's runbook commands from its panel: which dialog is open, and where a refusal shows (in the open
// dialog, with the caller such as a step's form, or above the controls); the evidence pack's export and download.
import { useState } from 'react';
import type { ApiError } from '../../../main/api/contract';
import { storedOperator } from '../lib/cutover';
import { downloadText } from '../lib/download';
import type { CutoverCommandKind, CutoverCommandOptions, EvidenceFormat } from '../store/cockpit-store';
import { useActions } from '../store/context';

export type RunbookDialog = 'start' | 'abort' | 'rollback' | 'finalize' | null;

export interface RunbookRefusal {
  readonly kind: CutoverCommandKind | 'export';
  readonly message: string;
}

export function useRunbookCommands(waveId: string) {
  const { cutoverCommand, exportEvidence } = useActions();
  const [dialog, setDialog] = useState<RunbookDialog>(null);
  const [refusal, setRefusal] = useState<RunbookRefusal | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<EvidenceFormat | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  /** Sends a command as the operator of this window; a refusal shows where `where` says. */
  const send = async (
    kind: CutoverCommandKind,
    options: CutoverCommandOptions = {},
    where: 'panel' | 'dialog' | 'caller' = 'panel',
  ): Promise<ApiError | null> => {
    setRefusal(null);
    setDialogError(null);
    const by = options.by ?? (storedOperator() || undefined);
    const refused = await cutoverCommand(waveId, kind, { ...options, ...(by ? { by } : {}) });
    if (refused) {
      if (where === 'dialog') setDialogError(refused.message);
      else if (where === 'panel') setRefusal({ kind, message: refused.message });
    } else if (where === 'dialog') setDialog(null);
    return refused;
  };

  const download = async (format: EvidenceFormat) => {
    setRefusal(null);
    setExported(null);
    setExporting(format);
    const result = await exportEvidence(waveId, format);
    setExporting(null);
    if (!result.ok) {
      setRefusal({ kind: 'export', message: result.error.message });
      return;
    }
    downloadText(result.value.fileName, result.value.content, format === 'html' ? 'text/html' : 'text/markdown');
    setExported(result.value.fileName);
  };

  return {
    dialog,
    openDialog: (which: Exclude<RunbookDialog, null>) => setDialog(which),
    closeDialog: () => {
      setDialog(null);
      setDialogError(null);
    },
    dialogError,
    refusal,
    dismissRefusal: () => setRefusal(null),
    send,
    download,
    exporting,
    exported,
  };
}
