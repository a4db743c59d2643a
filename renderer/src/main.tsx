// Renderer entry: pick the transport (Electron preload or the web bridge), start the store with the tracks (the
// list, tracks/index.ts: the one place the core hands them over), render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createCockpitStore } from './store/cockpit-store';
import { CockpitStoreProvider } from './store/context';
import { TRACK_UIS } from './tracks/index';
import { createWebCockpit } from './transport/web-cockpit';
import './styles/index.css';

const api = window.cockpit ?? createWebCockpit();
const store = createCockpitStore(api, TRACK_UIS);
store.getState().actions.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <CockpitStoreProvider store={store}>
      <App />
    </CockpitStoreProvider>
  </StrictMode>,
);
