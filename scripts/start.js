#!/usr/bin/env node
// `npm start`: serves the add-in on https://localhost:3000 and sideloads it into Excel desktop
// where there is one (Windows, macOS). Elsewhere it keeps serving and says how to add it to
// Excel on the web.
const { spawn } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const desktop = process.platform === 'win32' || process.platform === 'darwin';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const PLAYGROUND = 'https://localhost:3000/playground.html';

if (desktop) {
  process.stdout.write(`\nThe browser playground (no Excel needed): ${PLAYGROUND}\n\n`);
  // office-addin-debugging starts the dev server (npm run dev-server) and sideloads the manifest.
  const child = spawn(npx, ['office-addin-debugging', 'start', 'manifest.xml', 'desktop'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const server = spawn(npx, ['webpack', 'serve', '--mode', 'development'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let told = false;
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (!told && /compiled/i.test(String(chunk))) {
      told = true;
      process.stdout.write(
        [
          '',
          'PlanSheets is served at https://localhost:3000/taskpane.html',
          '',
          `Try it without Excel: the playground, the task pane beside a workbook in the page, at ${PLAYGROUND}`,
          '',
          'No Excel desktop on this machine. To use the add-in in Excel on the web:',
          '  1. Open a workbook at office.com in this browser (the one that trusts the localhost certificate).',
          '  2. Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in.',
          `  3. Choose ${path.join(root, 'manifest.xml')} and Upload.`,
          '  4. Home > Plan opens the pane; "Open the sample plan" loads the embedded Qazvin plan.',
          'Stop with Ctrl+C.',
          '',
        ].join('\n'),
      );
    }
  });
  const stop = () => server.kill('SIGINT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}
