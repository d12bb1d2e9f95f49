// One direction for the dependencies between source folders, checked in `npm test` (npm run lint):
//   cli → commands → ui → agent → runtime → (image, docker) → (config, events, session) → lib
// A folder imports only folders to its right (never a peer in its own group); what a lower layer
// needs from an upper one is passed in as an argument. server/ runs inside the container, bundled
// on its own: it imports only events/ and lib/.
const layers = [['cli'], ['commands'], ['ui'], ['agent'], ['runtime'], ['image', 'docker'], ['config', 'events', 'session'], ['lib']];

const folder = (name) => (name === 'cli' ? '^source/cli(\\.tsx$|/)' : `^source/${name}/`);
const anyOf = (names) => `(${names.map(folder).join('|')})`;

const layerRules = layers.flatMap((group, rank) =>
  group.map((name) => {
    const allowed = layers.slice(rank + 1).flat();
    const forbidden = layers.flat().filter((other) => other !== name && !allowed.includes(other));
    return {
      name: `layer-${name}`,
      comment: `${name}/ may import only ${allowed.join(', ') || 'nothing of ours'} (and itself): pass what it needs from above in as an argument`,
      severity: 'error',
      from: {path: folder(name)},
      to: {path: anyOf([...forbidden, 'server'])},
    };
  }),
);

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'server-standalone',
      comment: 'server/ is bundled into the runtime image on its own: it imports only events/ and lib/',
      severity: 'error',
      from: {path: '^source/server/'},
      to: {path: '^source/', pathNot: '^source/(server|events|lib)/'},
    },
    {
      name: 'every-module-in-a-layer',
      comment: 'a module lives in a layer folder (only the entry point source/cli.tsx sits at the top)',
      severity: 'error',
      from: {path: '^source/[^/]+$', pathNot: '^source/cli\\.tsx$'},
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to no file',
      severity: 'error',
      from: {},
      to: {couldNotResolve: true},
    },
    {
      name: 'no-circular',
      comment: 'a cycle makes the load order (and the lazy imports that keep start-up fast) fragile',
      severity: 'error',
      from: {},
      to: {circular: true},
    },
  ],
  options: {
    doNotFollow: {path: 'node_modules'},
    includeOnly: '^source/',
    tsPreCompilationDeps: true,
    tsConfig: {fileName: 'tsconfig.json'},
    enhancedResolveOptions: {extensions: ['.ts', '.tsx', '.js']},
  },
};
