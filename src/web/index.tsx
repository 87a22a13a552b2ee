/* global document */
// The plan server's pages: signed in with a token, the role decides what is shown.
import { createRoot } from 'react-dom/client';
import { WebApp } from './WebApp';
import { takeLinkToken } from './route';

// A sign-in link's token leaves the address before anything reads it.
const linkToken = takeLinkToken();
createRoot(document.getElementById('container')!).render(<WebApp linkToken={linkToken} />);
