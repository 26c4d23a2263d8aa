// Browser entry for @heygen/liveavatar-web-sdk 0.0.18 (its lib/index.esm.js, the package's "exports.import"), bundled
// unmodified by build.mjs with the livekit-client 2.15.7 it pins.
import * as sdk from '@heygen/liveavatar-web-sdk';
window.HeyGenSDK = { ...sdk, sdkVersion: __SDK_VERSION__, livekitVersion: __LIVEKIT_VERSION__ };
