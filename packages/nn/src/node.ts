/**
 * @init/nn/node: Node-only additions to `@init/nn` (MNIST files, the terminal progress bar). Browser bundles
 * never import this entry; it imports the main entry `@init/nn` and never a copy of it.
 *
 * @packageDocumentation
 */

export { type LoadMnistOptions, loadMnist, MNIST_FILES, type Mnist } from './mnist-node';
export { type ProgressStream, type TerminalProgressOptions, terminalProgress } from './progress-terminal';
