// Browser entry for @heygen/streaming-avatar 2.1.0 (npm alias "sdk210"), bundled unmodified by build.mjs.
import StreamingAvatar, * as sdk from 'sdk210';
window.HeyGenSDK = { ...sdk, StreamingAvatar, sdkVersion: __SDK_VERSION__, livekitVersion: __LIVEKIT_VERSION__ };
