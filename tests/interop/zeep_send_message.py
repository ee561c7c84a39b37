#!/usr/bin/python3
"""SendMessage through python3-zeep (Debian), WS-Security signed by python3-xmlsec.

A client nobody in this project wrote: zeep reads the gateway's WSDL, builds the SendMessage
envelope from it and signs the Body with zeep.wsse.signature (RSA-SHA256, SHA-256 digest,
exclusive C14N, no wsu:Timestamp). The answer's signature is verified by zeep too, against
the gateway certificate when --gateway-cert is given.

usage: zeep_send_message.py WSDL_URL KEY_PEM CERT_PEM SENDER PASSWORD SERVICE_ID
                            [--gateway-cert GATEWAY_PEM] [--key-info binary|x509data]
                            [--payload XML] [--dump-dir DIR] [--timeout SECONDS]

Prints one line per fact, `name=value`, and exits:
  0  a SendMessageResponse came back       (status=<code>)
  1  a SOAP fault came back                (fault=<faultcode>)
  2  anything else (WSDL, transport, signature of the answer), with the traceback on stderr
Run it with /usr/bin/python3: the python3 on PATH may be another interpreter without zeep.
"""

import argparse
import datetime
import os
import sys
import traceback
import uuid

import xmlsec
import zeep
from zeep import xsd
from zeep.exceptions import Fault, SignatureVerificationFailed
from zeep.wsse import signature as wsse_signature

ALMATY_CLIENT_OFFSET = datetime.timezone(datetime.timedelta(hours=6))
DEFAULT_PAYLOAD = '<request xmlns="urn:test"><iin>850312300013</iin></request>'


def signer_class(key_info):
    """zeep's own signers, with verification of the answer against the gateway certificate.

    zeep verifies answers with the certificate it signs with (the client's own), which can
    never match a server that signs with its own key; so the answer is verified here with
    the certificate the client pins for the bus, or not at all if none is given.
    """
    base = wsse_signature.BinarySignature if key_info == "binary" else wsse_signature.Signature

    class PinnedGatewaySignature(base):
        def __init__(self, key_file, cert_file, gateway_cert_file):
            super().__init__(
                key_file,
                cert_file,
                signature_method=xmlsec.Transform.RSA_SHA256,
                digest_method=xmlsec.Transform.SHA256,
            )
            self.gateway_cert_file = gateway_cert_file
            self.verified = False

        def verify(self, envelope):
            if self.gateway_cert_file is None:
                return envelope
            wsse_signature.verify_envelope(envelope, self.gateway_cert_file)
            self.verified = True
            return envelope

    return PinnedGatewaySignature


class RecordingTransport(zeep.Transport):
    """zeep's HTTP transport, keeping the bytes on the wire (written to --dump-dir if given)."""

    def __init__(self, dump_dir, **kwargs):
        super().__init__(**kwargs)
        self.dump_dir = dump_dir

    def post(self, address, message, headers):
        self._dump("request.xml", message if isinstance(message, bytes) else message.encode("utf-8"))
        response = super().post(address, message, headers)
        self._dump("response.xml", response.content)
        return response

    def _dump(self, name, content):
        if self.dump_dir:
            os.makedirs(self.dump_dir, exist_ok=True)
            with open(os.path.join(self.dump_dir, name), "wb") as f:
                f.write(content)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wsdl_url")
    parser.add_argument("key_pem")
    parser.add_argument("cert_pem")
    parser.add_argument("sender")
    parser.add_argument("password")
    parser.add_argument("service_id")
    parser.add_argument("--gateway-cert", default=None, help="PEM certificate the answer must be signed with")
    parser.add_argument("--key-info", choices=["binary", "x509data"], default="binary",
                        help="binary: BinarySignature (wsse:BinarySecurityToken); x509data: Signature (STR/X509Data)")
    parser.add_argument("--payload", default=DEFAULT_PAYLOAD, help="XML sent as an escaped string (xsi:type=xs:string)")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--dump-dir", default=None, help="write request.xml and response.xml (the bytes on the wire) here")
    args = parser.parse_args(argv)

    print(f"zeep={zeep.__version__} xmlsec={xmlsec.__version__ if hasattr(xmlsec, '__version__') else '?'}")
    signer = signer_class(args.key_info)(args.key_pem, args.cert_pem, args.gateway_cert)
    transport = RecordingTransport(args.dump_dir, timeout=args.timeout, operation_timeout=args.timeout)
    client = zeep.Client(args.wsdl_url, transport=transport, wsse=signer)

    message_id = str(uuid.uuid4())
    request = {
        "requestInfo": {
            "messageId": message_id,
            "serviceId": args.service_id,
            "messageDate": datetime.datetime.now(ALMATY_CLIENT_OFFSET),
            "sender": {"senderId": args.sender, "password": args.password},
            "properties": [{"key": "client", "value": "zeep"}],
        },
        "requestData": {"data": xsd.AnyObject(xsd.String(), args.payload)},
    }
    print(f"messageId={message_id}")
    try:
        response = client.service.SendMessage(request=request)
    except Fault as fault:
        print(f"fault={fault.code}")
        print(f"faultstring={fault.message}")
        print(f"response-signature={'verified' if signer.verified else 'not-checked'}")
        return 1
    except SignatureVerificationFailed:
        print("response-signature=INVALID")
        traceback.print_exc()
        return 2

    info = response.responseInfo
    print(f"status={info.status.code}")
    print(f"statusMessage={info.status.message}")
    print(f"responseMessageId={info.messageId}")
    print(f"sessionId={info.sessionId}")
    print(f"responseDate={info.responseDate.isoformat() if info.responseDate else ''}")
    print(f"response-signature={'verified' if signer.verified else 'not-checked'}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except SystemExit:
        raise
    except BaseException:  # noqa: BLE001 - report anything unexpected with exit code 2
        traceback.print_exc()
        sys.exit(2)
