// Browser entry for @heygen/streaming-avatar 2.0.8 (npm alias "sdk208"), bundled unmodified by build.mjs.
import StreamingAvatar, * as sdk from 'sdk208';
window.HeyGenSDK = { ...sdk, StreamingAvatar, sdkVersion: __SDK_VERSION__, livekitVersion: __LIVEKIT_VERSION__ };
