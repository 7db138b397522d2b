// `pnpm start` until the apps exist: prints what the built packages offer.
const names = ['rng', 'linalg', 'schemes', 'advisor', 'nn'];
for (const name of names) {
  const mod = await import(`@init/${name}`).catch(() => null);
  const exports = mod ? Object.keys(mod).length : 0;
  console.log(`@init/${name}: ${mod ? `${exports} exports` : 'not built'}`);
}
