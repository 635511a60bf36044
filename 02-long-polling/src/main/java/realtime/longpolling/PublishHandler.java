package realtime.longpolling;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

/** {@code POST /messages} with {@code {"text": "..."}}: publishes the message and returns it with 201. */
final class PublishHandler implements Handler {

    private final MessageFeed feed;
    private final int maxBodyBytes;

    PublishHandler(MessageFeed feed, int maxBodyBytes) {
        this.feed = feed;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(Context ctx) {
        String text = PostedMessage.parseText(ctx.bodyAsBytes(), maxBodyBytes);
        Message message = feed.publish(text);
        ctx.status(HttpStatus.CREATED).json(message);
    }
}
