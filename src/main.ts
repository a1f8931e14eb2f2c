// Entry point: global styles, then the Svelte app mounted into index.html's #app.
import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no element with id "app"');

export default mount(App, { target });
