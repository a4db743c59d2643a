import { useActions, useCockpit } from '../../store/context';

const ALL = '';

export function ProjectSelect({ projects }: { projects: readonly string[] }) {
  const project = useCockpit((state) => state.filters.project);
  const { setProject } = useActions();
  return (
    <label className="project-select">
      <span>Project</span>
      <select value={project ?? ALL} onChange={(event) => setProject(event.target.value === ALL ? null : event.target.value)}>
        <option value={ALL}>All projects</option>
        {projects.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
