import 'katex/dist/katex.min.css';
import './style.css';
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import AdvisorWidget from './components/AdvisorWidget.vue';
import DecisionTable from './components/DecisionTable.vue';
import PlaygroundEmbed from './components/PlaygroundEmbed.vue';
import PlaygroundLink from './components/PlaygroundLink.vue';
import SchemeDemo from './components/SchemeDemo.vue';
import SchemeFacts from './components/SchemeFacts.vue';
import StackFigure from './components/StackFigure.vue';
import SymmetryFigure from './components/SymmetryFigure.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('AdvisorWidget', AdvisorWidget);
    app.component('DecisionTable', DecisionTable);
    app.component('PlaygroundEmbed', PlaygroundEmbed);
    app.component('PlaygroundLink', PlaygroundLink);
    app.component('SchemeDemo', SchemeDemo);
    app.component('SchemeFacts', SchemeFacts);
    app.component('StackFigure', StackFigure);
    app.component('SymmetryFigure', SymmetryFigure);
  },
} satisfies Theme;
