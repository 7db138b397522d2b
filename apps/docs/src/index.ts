/** Name of this app, so the skeleton has something to build and test. */
export const APP_NAME = 'docs';
