// The war-room entry (renderer/war-room.html): the same transport and store as the cockpit (renderer/src/main.tsx),
// with the tracks' list, rendering the read-only wall view. The store's start() only reads (subscriptions and re-reads);
// the wall calls no acting command, and the core's war-room listener refuses them anyway.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createCockpitStore } from '../store/cockpit-store';
import { CockpitStoreProvider } from '../store/context';
import { TRACK_UIS } from '../tracks/index';
import { createWebCockpit } from '../transport/web-cockpit';
import { lastDataClock } from './last-data';
import { WarRoom } from './WarRoom';
import '../styles/index.css';
import './war-room.css';

const api = window.cockpit ?? createWebCockpit();
const store = createCockpitStore(api, TRACK_UIS);
const lastData = lastDataClock(store);
store.getState().actions.start();

const root = document.getElementById('root');
if (!root) throw new Error('war-room.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <CockpitStoreProvider store={store}>
      <WarRoom lastData={lastData} />
    </CockpitStoreProvider>
  </StrictMode>,
);
