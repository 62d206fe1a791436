import './styles/app.css';
import './app-root.js';
