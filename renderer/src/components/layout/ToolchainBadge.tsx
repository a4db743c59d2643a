// Which Pulumi CLI the core runs operations with, or a warning badge (with the core's advice) when it has none.
import { useCockpit } from '../../store/context';

export function ToolchainBadge() {
  const toolchain = useCockpit((state) => state.toolchain);
  if (!toolchain) return null;
  if (!toolchain.found) {
    return (
      <span className="toolchain-badge" data-found="false" title={toolchain.message} data-testid="toolchain-badge" tabIndex={0}>
        Pulumi CLI missing
      </span>
    );
  }
  return (
    <span
      className="toolchain-badge"
      data-found="true"
      title={`Pulumi CLI ${toolchain.version} from ${toolchain.binDir} (${toolchain.source})`}
      data-testid="toolchain-badge"
    >
      Pulumi {toolchain.version}
    </span>
  );
}
