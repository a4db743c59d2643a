import { useCockpit } from '../../store/context';

const DESCRIPTION = {
  electron: 'Desktop app: talking to the cockpit core over Electron IPC',
  web: 'Browser: talking to the cockpit core over the headless web bridge',
} as const;

export function TransportBadge() {
  const transport = useCockpit((state) => state.transport);
  const connection = useCockpit((state) => state.connection);
  return (
    <span
      className="transport-badge"
      data-transport={transport}
      data-connection={connection}
      title={`${DESCRIPTION[transport]} (${connection})`}
      data-testid="transport-badge"
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="transport-name">{transport}</span>
    </span>
  );
}
