// Builds the add-in: the task pane and the PLAN functions, loaded together by taskpane.html in
// one shared runtime; functions.json from the functions' JSDoc; the manifest with production
// URLs in production builds.
//
// Build-time choices (environment variables, or `--env` / the first argument's fields):
//   PLANSHEETS_URL (env.addinUrl)  where dist/ will be served, e.g. https://intranet.example/plansheets/
//                                  (default: package.json config.addinUrl)
//   OFFICE_JS (env.officeJs)       bundled: Office.js is copied to dist/office-js and served with the
//                                  add-in (default; works on networks that cannot reach Microsoft);
//                                  cdn: taskpane.html loads Microsoft's CDN copy instead.
const fs = require('fs');
const path = require('path');
const { URL } = require('url');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const pkg = require('./package.json');
const { checkManifest, checkFunctionsMetadata, declaredCustomFunctionsRuntime } = require('./scripts/manifest-checks');

const URL_DEV = 'https://localhost:3000/';
/** Microsoft's production Office.js (learn.microsoft.com "Referencing the Office JavaScript API library"). */
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_MODES = ['bundled', 'cdn'];

/** Where the add-in is published (ends with a slash). */
const prodUrl = (env = {}) => env.addinUrl || process.env.PLANSHEETS_URL || pkg.config.addinUrl;

/** Where Office.js comes from: "bundled" (the default) or "cdn". */
function officeJsMode(env = {}) {
  const mode = String(env.officeJs || process.env.OFFICE_JS || 'bundled').toLowerCase();
  if (!OFFICE_JS_MODES.includes(mode)) throw new Error(`OFFICE_JS must be one of ${OFFICE_JS_MODES.join(', ')}, not "${mode}"`);
  return mode;
}

/**
 * The manifest with every development URL pointed at `url` (which ends with a slash, or gets
 * one). An AppDomain is an origin, so it gets the origin of `url`, never its path.
 */
function manifestFor(text, url) {
  const base = url.endsWith('/') ? url : url + '/';
  const origin = new URL(base).origin;
  const devOrigin = new URL(URL_DEV).origin;
  return text
    .split(`<AppDomain>${devOrigin}</AppDomain>`)
    .join(`<AppDomain>${origin}</AppDomain>`)
    .split(URL_DEV)
    .join(base)
    .split(devOrigin)
    .join(base.slice(0, -1));
}

/** The production manifest, refused when the offline checks find a problem in it. */
function productionManifest(text, url) {
  const manifest = manifestFor(text, url);
  const { problems } = checkManifest(manifest);
  if (problems.length) throw new Error(`the manifest built for ${url} has problems:\n  ${problems.join('\n  ')}`);
  return manifest;
}

/**
 * The dev server's certificate from office-addin-dev-certs. Where its CA cannot be installed
 * (no sudo, a locked-down machine) the generated certificate is used all the same, and the
 * console says which file to trust by hand.
 */
async function httpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  try {
    const o = await devCerts.getHttpsServerOptions();
    return { ca: o.ca, key: o.key, cert: o.cert };
  } catch (e) {
    const dir = path.join(require('os').homedir(), '.office-addin-dev-certs');
    const read = (f) => fs.readFileSync(path.join(dir, f));
    if (!fs.existsSync(path.join(dir, 'localhost.crt'))) throw e;
    console.warn(`\nThe development CA could not be installed (${e.message.split('\n')[0]}).`);
    console.warn(`Serving with it anyway: trust ${path.join(dir, 'ca.crt')} in your browser or system to open the add-in without warnings.\n`);
    return { ca: read('ca.crt'), key: read('localhost.key'), cert: read('localhost.crt') };
  }
}

/** Writes entrypoints.json: the files each entry loads first (for the size benchmark and tests). */
class EntrypointsFile {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('EntrypointsFile', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'EntrypointsFile', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const entries = {};
        for (const [name, ep] of compilation.entrypoints) entries[name] = ep.getFiles().filter((f) => f.endsWith('.js'));
        compilation.emitAsset('entrypoints.json', new compiler.webpack.sources.RawSource(JSON.stringify(entries, null, 2)));
      });
    });
  }
}

/**
 * functions.json with only what the manifest's CustomFunctionsRuntime has: custom-functions-metadata
 * always writes `allowCustomDataForDataTypeAny: true` (a CustomFunctionsRuntime 1.4 feature, for data
 * types, which the PLAN functions do not use), and has no option against it, so it is dropped here;
 * anything else above the declared version fails the build.
 */
class FunctionsMetadataForManifest {
  constructor(file, manifestPath) {
    this.file = file;
    this.manifestPath = manifestPath;
  }
  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('FunctionsMetadataForManifest', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'FunctionsMetadataForManifest', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const asset = compilation.getAsset(this.file);
        if (!asset) return void compilation.errors.push(new WebpackError(`${this.file} was not generated`));
        const meta = JSON.parse(asset.source.source().toString());
        delete meta.allowCustomDataForDataTypeAny;
        const declared = declaredCustomFunctionsRuntime(fs.readFileSync(this.manifestPath, 'utf8'));
        for (const p of checkFunctionsMetadata(meta, declared)) compilation.errors.push(new WebpackError(p));
        compilation.updateAsset(this.file, new sources.RawSource(JSON.stringify(meta, null, 4)));
      });
    });
  }
}

/** Points taskpane.html's Office.js at Microsoft's CDN (OFFICE_JS=cdn). */
class OfficeJsFromCdn {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('OfficeJsFromCdn', (compilation) => {
      HtmlWebpackPlugin.getCompilationHooks(compilation).afterTemplateExecution.tap('OfficeJsFromCdn', (data) => {
        if (data.outputName !== 'taskpane.html') return data;
        const tag = /(?:<!--(?:(?!-->)[\s\S])*-->\s*)?<script\b[^>]*\bsrc="office-js\/office\.js"[^>]*>\s*<\/script>/;
        if (!tag.test(data.html)) throw new Error('taskpane.html has no <script src="office-js/office.js"> to point at the CDN');
        data.html = data.html.replace(tag, `<!-- Office.js from Microsoft's CDN (built with OFFICE_JS=cdn). -->\n    <script type="text/javascript" src="${OFFICE_JS_CDN}"></script>`);
        return data;
      });
    });
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode !== 'production';
  const officeJs = officeJsMode(env);
  const outDir = env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, 'dist');
  return {
    mode: dev ? 'development' : 'production',
    devtool: 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: './src/functions/functions.ts',
      // The browser playground: the pane beside an in-memory workbook, no Excel needed.
      playground: './src/playground/index.tsx',
      // The plan server's pages (plansheets serve): reporting, review, the observatory.
      web: './src/web/index.tsx',
    },
    output: {
      path: outDir,
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      // csv-stringify's Node build needs Node's Buffer; its browser build carries what it needs.
      alias: { 'csv-stringify/sync$': require.resolve('csv-stringify/browser/esm/sync') },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: 'tsconfig.json', compilerOptions: { module: 'esnext', sourceMap: true } } },
        },
      ],
    },
    optimization: {
      // One webpack runtime for both entries: the functions and the pane share module instances
      // (one plan store) in the shared runtime.
      runtimeChunk: 'single',
      // Modules both entries use go to a shared chunk; the UI libraries stay with the pane.
      splitChunks: { chunks: 'all' },
    },
    performance: { hints: false },
    plugins: [
      new EntrypointsFile(),
      new CustomFunctionsMetadataPlugin({ input: './src/functions/functions.ts', output: 'functions.json' }),
      new FunctionsMetadataForManifest('functions.json', path.join(__dirname, 'manifest.xml')),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane', 'functions'] }),
      ...(officeJs === 'cdn' ? [new OfficeJsFromCdn()] : []),
      new HtmlWebpackPlugin({ filename: 'playground.html', template: './src/playground/playground.html', chunks: ['playground'] }),
      new HtmlWebpackPlugin({ filename: 'web.html', template: './src/web/web.html', chunks: ['web'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.{png,xlsx}', to: 'assets/[name][ext]' },
          { from: 'samples/qazvin.plan.json', to: 'samples/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: dev ? undefined : (content) => productionManifest(content.toString(), prodUrl(env)) },
          // Bundled Office.js is served by the add-in itself: copied (without hashing 86 MB) in
          // production; the dev server serves it from node_modules.
          ...(dev || officeJs !== 'bundled' ? [] : [{ from: 'node_modules/@microsoft/office-js/dist', to: 'office-js', info: { minimized: true } }]),
        ],
      }),
    ],
    devServer: env.WEBPACK_SERVE
      ? {
          port: Number(process.env.npm_package_config_dev_server_port || 3000),
          headers: { 'Access-Control-Allow-Origin': '*' },
          server: { type: 'https', options: await httpsOptions() },
          static: [{ directory: path.join(__dirname, 'node_modules/@microsoft/office-js/dist'), publicPath: '/office-js' }],
          client: { overlay: false },
        }
      : undefined,
  };
};

module.exports.manifestFor = manifestFor;
module.exports.officeJsMode = officeJsMode;
module.exports.URL_DEV = URL_DEV;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
