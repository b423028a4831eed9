"""Fixed material for the demo data set: names, bodies and subjects in Chinese and English."""

from __future__ import annotations

CN_SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"]
CN_GIVEN = ["芳", "娜", "伟", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
            "秀英", "桂英", "志强", "建华", "晓东", "海燕", "子涵", "雨欣"]
EN_FIRST = ["Emma", "Oliver", "Amelia", "George", "Isla", "Harry", "Sophia", "Jack", "Olivia", "Noah",
            "Grace", "Liam", "Chloe", "James", "Mia", "Lucas"]
EN_LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Miller",
           "Clarke", "Walker", "Wright"]
CN_PREFIXES = ["138", "139", "137", "136", "135", "150", "151", "158", "159", "186", "187", "188", "177"]

CHAT_CN = ["你好，我的订单还没有发货，请帮我查一下。", "请问退款多久能到账？",
           "快递显示已签收，但我没有收到。",
           "我想修改收货地址，可以吗？", "发票什么时候能开好？", "谢谢，问题已经解决了。"]
CHAT_EN = ["Hi, my order hasn't shipped yet, can you check?", "How long does a refund take?",
           "The tracking says delivered but nothing arrived.", "Can I change my delivery address?",
           "Thanks, that sorted it out!", "Is there a discount for annual plans?"]
EMAIL_SUBJECTS = [("发票申请", "您好，请为订单开具增值税普通发票，抬头见附件。"),
                  ("退货申请", "商品有划痕，申请七天无理由退货。"),
                  ("Invoice request", "Hello, could you send the invoice for my last order? Thanks."),
                  ("Damaged item", "The parcel arrived with a broken corner, photos attached."),
                  ("Account locked", "I cannot log in since this morning, please help.")]
NOTES = ["客户很着急，已承诺今天下班前回电。", "VIP 客户，优先处理。", "Prefers e-mail over phone.",
         "Called back twice, issue escalated to logistics.", "已发送补偿优惠券 20 元。"]
TICKETS = [("open", "物流延误 #{n}"), ("pending", "Refund #{n}"), ("solved", "地址变更 #{n}"),
           ("open", "Login problem #{n}")]
SMS = ["【汇通】您的验证码是 {n}，5 分钟内有效。", "Your parcel is out for delivery today.",
       "【汇通】您的工单已处理，感谢您的耐心等待。"]
SOCIAL = [("weibo", "@汇通客服 我的包裹到底什么时候到？"), ("wechat", "在吗？想咨询一下会员权益。"),
          ("twitter", "@huitong_help still waiting on my refund...")]
CALL_OUTCOMES = ["resolved", "callback", "escalated", "voicemail", "no_answer"]
