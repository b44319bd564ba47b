/** Citations of drachtio-server source functions, shared by registry entries. */
export const XML_IMPL = 'src/drachtio-config.cpp DrachtioConfig::Impl::Impl';
export const CLI = 'src/controller.cpp DrachtioController::parseCmdArgs';
export const ENV = 'src/controller.cpp DrachtioController::getEnv';
export const RUN = 'src/controller.cpp DrachtioController::run';
export const CTOR = 'src/controller.cpp DrachtioController::DrachtioController';
export const LOGGING = 'src/controller.cpp DrachtioController::initializeLogging';
export const SIGHUP = 'src/controller.cpp DrachtioController::handleSigHup';
export const INSTALL = 'src/controller.cpp DrachtioController::installConfig';
export const TRANSPORT_INIT = 'src/sip-transports.cpp SipTransport::init';
export const ADD_TRANSPORTS = 'src/sip-transports.cpp SipTransport::addTransports';
export const PARSE_URI = 'src/drachtio.cpp parseSipUri';
export const ADD_ROUTE = 'src/request-router.cpp RequestRouter::addRoute';
export const CLIENT_CTRL = 'src/client-controller.cpp ClientController::ClientController';
export const STATELESS = 'src/controller.cpp DrachtioController::processMessageStatelessly';
export const MAIN = 'src/main.cpp main';
export const HTTP_REQUEST = 'src/request-handler.cpp RequestHandler::startRequest';
export const NEW_REQUEST = 'src/pending-request-controller.cpp PendingRequestController::processNewRequest';
