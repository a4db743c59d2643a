// Who started, confirmed or finalized a run: the name the operator typed, with what the journal recorded beside it
// (the OS user and, on AWS, the caller identity; the whole ARN in the tooltip). Never a credential: the core sends
// the OS user, the account and the ARN only.
import type { RunActorView } from '../../../../main/api/contract';
import { whoWords } from '../../lib/cutover';

export function ActorName({ name, actor, testId }: { name: string; actor: RunActorView | undefined; testId?: string }) {
  const words = whoWords(name, actor);
  return (
    <span className="actor-name" title={words.title} data-testid={testId}>
      {words.name}
      {words.actor ? <span className="actor-name-record"> ({words.actor})</span> : null}
    </span>
  );
}
