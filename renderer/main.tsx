import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/client';
import { App } from './app/App';
import { setUpGrid } from './grid/set-up-grid';
import './styles.css';

setUpGrid();
const root = document.getElementById('root');
if (!root) throw new Error('renderer/index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App api={connectApi()} />
  </StrictMode>,
);
