// Builds the add-in: the task pane and the PLAN functions, loaded together by taskpane.html in
// one shared runtime; functions.json from the functions' JSDoc; the manifest with production
// URLs in production builds.
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const pkg = require('./package.json');

const URL_DEV = 'https://localhost:3000/';
/** Where the add-in is published: `npm run build` with PLANSHEETS_URL=https://…/ or package.json config.addinUrl. */
const prodUrl = () => process.env.PLANSHEETS_URL || pkg.config.addinUrl;

/** The manifest with every development URL pointed at `url` (which ends with a slash). */
function manifestFor(text, url) {
  const base = url.endsWith('/') ? url : url + '/';
  return text.split(URL_DEV).join(base).split(URL_DEV.slice(0, -1)).join(base.slice(0, -1));
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
    const fs = require('fs');
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

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode !== 'production';
  const outDir = env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, 'dist');
  return {
    mode: dev ? 'development' : 'production',
    devtool: 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: './src/functions/functions.ts',
      // The browser playground: the pane beside an in-memory workbook, no Excel needed.
      playground: './src/playground/index.tsx',
    },
    output: {
      path: outDir,
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
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
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane', 'functions'] }),
      new HtmlWebpackPlugin({ filename: 'playground.html', template: './src/playground/playground.html', chunks: ['playground'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.{png,xlsx}', to: 'assets/[name][ext]' },
          { from: 'samples/qazvin.plan.json', to: 'samples/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: dev ? undefined : (content) => manifestFor(content.toString(), prodUrl()) },
          // Office.js is served by the add-in itself: copied (without hashing 86 MB) in production;
          // the dev server serves it from node_modules.
          ...(dev ? [] : [{ from: 'node_modules/@microsoft/office-js/dist', to: 'office-js', info: { minimized: true } }]),
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
module.exports.URL_DEV = URL_DEV;
