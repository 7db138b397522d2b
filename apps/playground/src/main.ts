import { createApp } from 'vue';
import 'uplot/dist/uPlot.min.css';
import './style.css';
import App from './App.vue';
import { provideServices } from './services';

const app = createApp(App);
provideServices(app);
app.mount('#app');

// The built site caches itself for offline use (the service worker lists every file of dist/).
if (import.meta.env.PROD && 'serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // Offline use is a convenience: the app works the same without it.
  });
}
