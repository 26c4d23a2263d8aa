// Bundles each pinned SDK version, with its own livekit-client, into dist/<name>.js (an IIFE that sets
// window.HeyGenSDK: dist/sdk-<version>.js for @heygen/streaming-avatar, dist/liveavatar-<version>.js for
// @heygen/liveavatar-web-sdk), and writes dist/manifest.json saying which livekit-client each bundle really contains.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const versions = [
  { sdk: '2.0.8', alias: 'sdk208', name: 'sdk-2.0.8' },
  { sdk: '2.1.0', alias: 'sdk210', name: 'sdk-2.1.0' },
  // LiveAvatar, HeyGen's successor API: its package.json pins livekit-client 2.15.7, which npm nests under it.
  { sdk: '0.0.18', alias: '@heygen/liveavatar-web-sdk', name: 'liveavatar-0.0.18' },
];

// Node's lookup (nearest node_modules upwards); livekit-client's and the LiveAvatar SDK's "exports" hide their
// package.json from require.resolve.
function resolvePackageJson(fromDir, name) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} not found from ${fromDir}`);
  }
}
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
mkdirSync(join(here, 'dist'), { recursive: true });
const manifest = { bundles: {} };

for (const { sdk, alias, name } of versions) {
  const sdkPkgPath = resolvePackageJson(here, alias);
  const sdkPkg = readJson(sdkPkgPath);
  if (sdkPkg.version !== sdk) throw new Error(`${alias} is ${sdkPkg.version}, expected ${sdk}: run npm ci`);
  // The livekit-client this SDK copy resolves to (npm nests 2.11.3 under sdk210 and 2.15.7 under the LiveAvatar SDK,
  // hoists 2.23.x for sdk208).
  const lkPkgPath = resolvePackageJson(dirname(sdkPkgPath), 'livekit-client');
  const lkVersion = readJson(lkPkgPath).version;
  const outfile = join(here, 'dist', `${name}.js`);
  const result = await build({
    entryPoints: [join(here, 'src', `entry-${name.replace(/^sdk-/, '')}.js`)],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120'],
    sourcemap: false,
    minify: false,
    metafile: true,
    logLevel: 'warning',
    define: { __SDK_VERSION__: JSON.stringify(sdk), __LIVEKIT_VERSION__: JSON.stringify(lkVersion) },
  });
  const lkDir = relative(here, dirname(lkPkgPath)).split('\\').join('/');
  const lkInputs = Object.keys(result.metafile.inputs).filter((p) => p.includes('livekit-client/'));
  const foreign = lkInputs.filter((p) => !p.startsWith(lkDir + '/'));
  if (lkInputs.length === 0 || foreign.length > 0)
    throw new Error(`bundle ${name}: livekit-client inputs not all from ${lkDir}: ${foreign.join(', ') || '(none)'}`);
  const text = readFileSync(outfile, 'utf8');
  if (!text.includes(`"${lkVersion}"`)) throw new Error(`bundle ${name} does not contain livekit-client ${lkVersion}`);
  manifest.bundles[name] = { package: sdkPkg.name, version: sdk, file: `${name}.js`, livekitClient: lkVersion, livekitDir: lkDir, bytes: text.length };
  console.log(`dist/${name}.js: ${sdkPkg.name} ${sdk} + livekit-client ${lkVersion} (${lkDir}), ${(text.length / 1024).toFixed(0)} KiB`);
}
writeFileSync(join(here, 'dist', 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
